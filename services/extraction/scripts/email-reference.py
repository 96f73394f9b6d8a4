"""Reference text of an e-mail for `npm run eval:extraction`: Subject, From, To, Cc and Date, then the body (plain text, else the
HTML's text), then each attachment's file name (what a mail program lists) and, for a text attachment, its text, as CPython's
email package reads the message on stdin. A message saved as UTF-16 is decoded first: MIME itself is 8-bit text."""
import codecs
import sys
from email import message_from_bytes, policy
from html.parser import HTMLParser


HIDDEN = ("script", "style", "head")


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN and self.skip > 0:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def eight_bit(raw):
    if raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return raw.decode("utf-16").encode("utf-8")
    if len(raw) >= 4 and raw[1] == 0 and raw[3] == 0 and raw[0] and raw[2]:
        return raw.decode("utf-16-le").encode("utf-8")
    return raw


def html_text(content):
    parser = Text()
    parser.feed(content)
    return " ".join(parser.parts)


message = message_from_bytes(eight_bit(sys.stdin.buffer.read()), policy=policy.default)
lines = [f"{name}: {message[name]}" for name in ("Subject", "From", "To", "Cc", "Date") if message[name]]
body = message.get_body(preferencelist=("plain", "html"))
if body is not None:
    content = body.get_content()
    lines.append(html_text(content) if body.get_content_subtype() == "html" else content)
for attachment in message.iter_attachments():
    if attachment.get_content_maintype() == "image" and not attachment.get_filename():
        continue  # a picture the HTML shows inline, not a file a reader is offered
    lines.append(attachment.get_filename() or "unnamed")
    if attachment.get_content_maintype() == "text":
        content = attachment.get_content()
        lines.append(html_text(content) if attachment.get_content_subtype() == "html" else content)
sys.stdout.write("\n".join(lines))
