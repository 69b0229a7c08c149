# ruff: noqa: E501 (WordprocessingML written out as it is in a .docx)
"""A small .docx made here (a zip of WordprocessingML), shaped like a
reporter's file: a heading, body paragraphs, a Quote and an Intense Quote
paragraph, bold and italic runs, a link and an embedded PNG."""

import io
import zipfile

from PIL import Image

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 90, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def para(text: str, style: str = "", bold: bool = False, italic: bool = False) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = "<w:rPr>" + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "") + "</w:rPr>"
    return f'<w:p>{props}<w:r>{run}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


IMAGE = (
    '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Picture 1" descr="Pilots on the quay at dawn"/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:nvPicPr><pic:cNvPr id="1" name="pilots.png" descr="Pilots on the quay at dawn"/><pic:cNvPicPr/></pic:nvPicPr>'
    f'<pic:blipFill><a:blip xmlns:r="{R}" r:embed="rIdImage1"/></pic:blipFill>'
    "<pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
)

LINK = (
    f'<w:p><w:r><w:t xml:space="preserve">Read </w:t></w:r><w:hyperlink xmlns:r="{R}" r:id="rIdLink1">'
    "<w:r><w:t>the union statement</w:t></w:r></w:hyperlink><w:r><w:t>.</w:t></w:r></w:p>"
)


def styles() -> str:
    def style(style_id: str, name: str) -> str:
        return f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/></w:style>'

    return (
        f'<w:styles xmlns:w="{W}">'
        + style("Heading1", "heading 1")
        + style("Quote", "Quote")
        + style("IntenseQuote", "Intense Quote")
        + "</w:styles>"
    )


def make_docx() -> bytes:
    body = "".join(
        [
            para("Harbour pilots stopped work at dawn over a new night rota."),
            para("A rota nobody agreed", style="Heading1"),
            para("The port authority published the rota on Friday."),
            IMAGE,
            LINK,
            para(
                "“We have been patient for long enough,” said Tomas Brenner, chair of the union.",
                style="Quote",
            ),
            para("“Nobody voted for this rota,” said Ana Novak, a pilot.", style="IntenseQuote"),
            para("What happens next", bold=True),
            para("Talks are set for Thursday, the ministry said.", italic=False),
        ]
    )
    document = f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rIdImage1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>'
        '<Relationship Id="rIdLink1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/union" TargetMode="External"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        docx.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        docx.writestr("word/document.xml", document)
        docx.writestr("word/styles.xml", styles())
        docx.writestr("word/_rels/document.xml.rels", rels)
        docx.writestr("word/media/image1.png", png())
    return buffer.getvalue()
