/** Tags as a person types them, "garden, facilities": trimmed, empty ones dropped, each once, in the order given. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()))].filter((tag) => tag !== '');
}

export const formatTags = (tags: readonly string[]): string => tags.join(', ');
