"""Reference text of an e-mail for `npm run eval:extraction`: Subject, From, To and Cc, then the body (plain text, else the
HTML's text), as CPython's email package reads the message on stdin."""
import sys
from email import message_from_binary_file, policy
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


message = message_from_binary_file(sys.stdin.buffer, policy=policy.default)
lines = [f"{name}: {message[name]}" for name in ("Subject", "From", "To", "Cc") if message[name]]
body = message.get_body(preferencelist=("plain", "html"))
if body is not None:
    content = body.get_content()
    if body.get_content_subtype() == "html":
        parser = Text()
        parser.feed(content)
        content = " ".join(parser.parts)
    lines.append(content)
sys.stdout.write("\n".join(lines))
