using System.Globalization;
using System.Text;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The справка as an A4 portrait PDF (PDFsharp): the header, the figures, the summary, the two lists and the blank
/// signatures; tables continue on the next page under their header row again, each page numbered «Страница 2 из 5».
/// Every cell is wrapped to its column and cut with «…» past its line limit, so nothing runs off the page. The work is
/// linear in the rows: each row is measured once (word by word) and drawn once; only the page numbers come back to the
/// pages at the end, when their count is known.
/// </summary>
public static class DisciplinePdf
{
    public const string ContentType = "application/pdf";

    public static byte[] Write(DisciplineReport report)
    {
        SpravkaFonts.Ensure();
        using var document = new PdfDocument();
        document.Info.Title = DisciplineReport.Title;
        document.Info.Subject = $"{DisciplineReport.Title} {report.Header.Period}";
        document.Info.Creator = "LiveOrders";
        using (var writer = new Writer(document, $"{DisciplineReport.Title} {report.Header.Period}"))
        {
            writer.Header(report.Header);
            writer.Heading("1. Показатели исполнения поручений");
            writer.Table(FigureColumns, FigureRows(report), boldLast: true);
            writer.Space(6);
            writer.Paragraph(report.Summary, writer.Body, XStringFormats.TopLeft);
            writer.Heading("2. Поручения, просроченные на дату справки");
            writer.List(report.OverdueNow, "Просрочка на дату справки");
            // The signatures never stand alone on the last page: the last row (or the «нет» line) goes over with them.
            writer.Heading("3. Поручения, исполненные с нарушением срока", report.DoneLate.Count <= 1 ? writer.SignaturesHeight : 0);
            writer.List(report.DoneLate, "Просрочка исполнения", keepWithLast: writer.SignaturesHeight);
            writer.Signatures();
        }
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    private sealed record Column(string Header, double Width, bool Right = false, int MaxLines = 3);

    private static readonly Column[] FigureColumns =
    [
        new("Подразделение", 140),
        new("Поступило", 56, true),
        new("Исполнено", 56, true),
        new("Из них в срок", 56, true),
        new("% в срок", 48, true),
        new("С нарушением срока", 64, true),
        new("Просрочено на дату справки", 78, true),
    ];

    private static IEnumerable<string[]> FigureRows(DisciplineReport report)
    {
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        foreach (var f in report.Figures)
            yield return [f.Name, N(f.Received), N(f.Done), N(f.DoneOnTime), DisciplineText.Percent(f.OnTimeRate), N(f.Done - f.DoneOnTime), N(f.OverdueNow)];
        var t = report.Totals;
        yield return ["Итого", N(t.Received), N(t.Done), N(t.DoneOnTime), DisciplineText.Percent(t.OnTimeRate), N(t.DoneLate), N(t.OverdueNow)];
    }

    /// <summary>Draws page after page, top to bottom; a new page when the next block does not fit.</summary>
    private sealed class Writer : IDisposable
    {
        private const double Left = 57, Right = 40, Top = 45, Bottom = 60, Pad = 3;
        private static readonly XPen Rule = new(XColors.Gray, 0.5);
        private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(235, 235, 235));
        private static readonly XBrush Ink = XBrushes.Black;
        private static readonly XBrush Grey = new XSolidBrush(XColor.FromArgb(90, 90, 90));

        public readonly XFont Body = new(SpravkaFonts.Family, 10);
        private readonly XFont _bold = new(SpravkaFonts.Family, 10, XFontStyleEx.Bold);
        private readonly XFont _title = new(SpravkaFonts.Family, 14, XFontStyleEx.Bold);
        private readonly XFont _heading = new(SpravkaFonts.Family, 11, XFontStyleEx.Bold);
        private readonly XFont _cell = new(SpravkaFonts.Family, 8);
        private readonly XFont _cellBold = new(SpravkaFonts.Family, 8, XFontStyleEx.Bold);
        private readonly XFont _columnHead = new(SpravkaFonts.Family, 7.5, XFontStyleEx.Bold);
        private readonly XFont _footer = new(SpravkaFonts.Family, 8);

        private readonly PdfDocument _document;
        private readonly string _footerText;
        private XGraphics _gfx = default!;
        private double _y, _width, _pageBottom;
        private readonly double _space;

        public Writer(PdfDocument document, string footerText)
        {
            (_document, _footerText) = (document, footerText);
            NewPage();
            _space = _gfx.MeasureString(" ", _cell).Width;
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            var page = _document.AddPage();
            page.Size = PageSize.A4;
            page.Orientation = PageOrientation.Portrait;
            _gfx = XGraphics.FromPdfPage(page);
            _width = page.Width.Point - Left - Right;
            _pageBottom = page.Height.Point - Bottom;
            _y = Top;
        }

        private void Ensure(double height)
        {
            if (_y + height > _pageBottom) NewPage();
        }

        public void Space(double points) => _y += points;

        public void Header(DisciplineHeader header)
        {
            if (header.Organisation is { Length: > 0 } organisation) Paragraph(organisation, _bold, XStringFormats.TopCenter);
            Space(10);
            Paragraph(DisciplineReport.Title, _title, XStringFormats.TopCenter);
            Paragraph(header.Period, _heading, XStringFormats.TopCenter);
            Space(8);
            Paragraph($"Подразделение: {header.Departments}", Body, XStringFormats.TopLeft);
            Paragraph($"Дата составления: {DisciplineText.DateTime(header.MadeAt)}", Body, XStringFormats.TopLeft);
        }

        public void Heading(string text, double keepAfter = 0)
        {
            Space(12);
            // Kept with what follows: a heading never ends a page alone.
            Ensure(_heading.GetHeight() + 60 + keepAfter);
            Paragraph(text, _heading, XStringFormats.TopLeft);
            Space(4);
        }

        public void Paragraph(string text, XFont font, XStringFormat format)
        {
            var height = font.GetHeight();
            // «75 %» and «— 3» stay on one line.
            text = text.Replace(" %", "\u00A0%").Replace(" — ", "\u00A0— ");
            foreach (var line in Wrap(text, font, _width, int.MaxValue))
            {
                Ensure(height);
                _gfx.DrawString(line, font, Ink, new XRect(Left, _y, _width, height), format);
                _y += height;
            }
        }

        public void List(IReadOnlyList<LateOrder> orders, string delayHeader, double keepWithLast = 0)
        {
            if (orders.Count == 0)
            {
                Paragraph(DisciplineReport.NoneListed, Body, XStringFormats.TopLeft);
                return;
            }
            Column[] columns =
            [
                new("№", 28, true, 1),
                new("Номер", 70),
                // Wide enough for a department's longest word («Предпринимательство», «градостроительства»).
                new("Поручение", 90, MaxLines: 4),
                new("Подразделение", 104, MaxLines: 6),
                new("Срок", 56, MaxLines: 2),
                new(delayHeader, 58),
                new("Причина просрочки", _width - 28 - 70 - 90 - 104 - 56 - 58, MaxLines: 6),
            ];
            Table(columns, orders.Select((o, i) => new[]
            {
                (i + 1).ToString(CultureInfo.InvariantCulture), o.Number, o.Title, o.Department, DisciplineText.DateTime(o.DueAt),
                DisciplineText.Delay(o.Delay), o.DelayReason ?? "не указана",
            }), boldLast: false, keepWithLast);
        }

        /// <summary>A table whose rows break across pages under a repeated header; <paramref name="keepWithLast"/>: the height
        /// of what must follow the last row on its page (the last row moves to a new page rather than leave it alone).</summary>
        public void Table(Column[] columns, IEnumerable<string[]> rows, bool boldLast, double keepWithLast = 0)
        {
            var lineHeight = _cell.GetHeight();
            var header = columns.Select(c => Wrap(c.Header, _columnHead, c.Width - 2 * Pad, 3)).ToArray();
            var headerHeight = header.Max(l => l.Count) * _columnHead.GetHeight() + 2 * Pad;
            var first = true;
            using var e = rows.GetEnumerator();
            var more = e.MoveNext();
            while (more)
            {
                var row = e.Current;
                more = e.MoveNext();
                var font = boldLast && !more ? _cellBold : _cell;
                var cells = columns.Select((c, i) => Wrap(row[i], font, c.Width - 2 * Pad, c.MaxLines)).ToArray();
                var height = cells.Max(l => l.Count) * lineHeight + 2 * Pad;
                if (first || _y + height + (more ? 0 : keepWithLast) > _pageBottom)
                {
                    if (!first || _y + headerHeight + height + (more ? 0 : keepWithLast) > _pageBottom) NewPage();
                    DrawRow(columns, header, headerHeight, _columnHead, HeaderFill, centred: true);
                    first = false;
                }
                DrawRow(columns, cells, height, font, null, centred: false);
            }
        }

        private void DrawRow(Column[] columns, List<string>[] cells, double height, XFont font, XBrush? fill, bool centred)
        {
            var x = Left;
            var lineHeight = font.GetHeight();
            for (var i = 0; i < columns.Length; i++)
            {
                var column = columns[i];
                var box = new XRect(x, _y, column.Width, height);
                if (fill is not null) _gfx.DrawRectangle(fill, box);
                _gfx.DrawRectangle(Rule, box);
                var format = centred ? XStringFormats.TopCenter : column.Right ? XStringFormats.TopRight : XStringFormats.TopLeft;
                var lineY = _y + Pad;
                foreach (var line in cells[i])
                {
                    _gfx.DrawString(line, font, Ink, new XRect(x + Pad, lineY, column.Width - 2 * Pad, lineHeight), format);
                    lineY += lineHeight;
                }
                x += column.Width;
            }
            _y += height;
        }

        /// <summary>What <see cref="Signatures"/> takes: the space above and four lines.</summary>
        public double SignaturesHeight => 30 + Body.GetHeight() * 4;

        public void Signatures()
        {
            var height = Body.GetHeight();
            Ensure(SignaturesHeight);
            Space(30);
            _gfx.DrawString(DisciplineReport.ControlHead, Body, Ink, new XRect(Left, _y, _width, height), XStringFormats.TopLeft);
            _gfx.DrawString(DisciplineReport.SignatureBlank, Body, Ink, new XRect(Left, _y, _width, height), XStringFormats.TopRight);
            _y += height * 2.5;
            _gfx.DrawString("Дата", Body, Ink, new XRect(Left, _y, _width, height), XStringFormats.TopLeft);
            _gfx.DrawString(DisciplineReport.DateBlank, Body, Ink, new XRect(Left, _y, _width, height), XStringFormats.TopRight);
            _y += height;
        }

        /// <summary>The page numbers, once the pages are all there.</summary>
        public void Dispose()
        {
            _gfx.Dispose();
            var count = _document.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = _document.Pages[i];
                using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var y = page.Height.Point - Bottom + 18;
                var height = _footer.GetHeight();
                var number = $"Страница {i + 1} из {count}";
                var numberWidth = gfx.MeasureString(number, _footer).Width;
                gfx.DrawLine(Rule, Left, y - 4, Left + _width, y - 4);
                gfx.DrawString(Fit(gfx, _footerText, _footer, _width - numberWidth - 12), _footer, Grey, new XRect(Left, y, _width, height), XStringFormats.TopLeft);
                gfx.DrawString(number, _footer, Grey, new XRect(Left, y, _width, height), XStringFormats.TopRight);
            }
        }

        /// <summary>
        /// Lines of at most <paramref name="width"/>, broken between words and after the hyphen of a compound word
        /// («жилищно-» / «коммунального»); only a single word wider than a whole line is broken inside, each piece but the
        /// last ending in a hyphen. Past <paramref name="maxLines"/> the last line ends in «…». Each piece is measured once.
        /// </summary>
        private List<string> Wrap(string text, XFont font, double width, int maxLines)
        {
            var lines = new List<string>();
            var space = font.Size == _cell.Size && !font.Bold ? _space : _gfx.MeasureString(" ", font).Width;
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var line = new StringBuilder();
                double used = 0;
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var first = true;
                    foreach (var part in CompoundParts.Split(word))
                    {
                        // A word's first part follows a space; the parts after a hyphen follow it directly.
                        var (piece, gap) = (part, first && line.Length > 0 ? space : 0);
                        first = false;
                        var w = _gfx.MeasureString(piece, font).Width;
                        if (line.Length > 0 && used + gap + w <= width)
                        {
                            line.Append(gap > 0 ? " " : "").Append(piece);
                            used += gap + w;
                            continue;
                        }
                        if (line.Length > 0)
                        {
                            lines.Add(line.ToString());
                            line.Clear();
                            if (lines.Count > maxLines) return Cut(lines, font, width, maxLines);
                        }
                        while (w > width)
                        {
                            var k = Longest(piece, font, width, "-");
                            lines.Add(piece[..k] + (piece[k - 1] == '-' ? "" : "-"));
                            if (lines.Count > maxLines) return Cut(lines, font, width, maxLines);
                            piece = piece[k..];
                            w = _gfx.MeasureString(piece, font).Width;
                        }
                        line.Append(piece);
                        used = w;
                    }
                }
                lines.Add(line.ToString());
                if (lines.Count > maxLines) return Cut(lines, font, width, maxLines);
            }
            return lines;
        }

        /// <summary>A word's parts between letters joined by a hyphen, each keeping its hyphen («жилищно-», «коммунального»); «П-2026/0042» stays whole.</summary>
        private static readonly System.Text.RegularExpressions.Regex CompoundParts = new(@"(?<=\p{L}-)(?=\p{L})");

        /// <summary>The first <paramref name="maxLines"/> lines, the last of them ending in «…» (there was more).</summary>
        private List<string> Cut(List<string> lines, XFont font, double width, int maxLines)
        {
            var last = lines[maxLines - 1];
            lines.RemoveRange(maxLines - 1, lines.Count - maxLines + 1);
            var k = Longest(last, font, width, "…");
            lines.Add(last[..k].TrimEnd() + "…");
            return lines;
        }

        /// <summary>How many first characters of <paramref name="text"/>, followed by <paramref name="suffix"/>, fit (at least one).</summary>
        private int Longest(string text, XFont font, double width, string suffix)
        {
            int lo = 1, hi = text.Length;
            while (lo < hi)
            {
                var mid = (lo + hi + 1) / 2;
                if (_gfx.MeasureString(text[..mid] + suffix, font).Width <= width) lo = mid;
                else hi = mid - 1;
            }
            return Math.Min(lo, text.Length);
        }

        private static string Fit(XGraphics gfx, string text, XFont font, double width)
        {
            if (gfx.MeasureString(text, font).Width <= width) return text;
            var k = text.Length;
            while (k > 1 && gfx.MeasureString(text[..k] + "…", font).Width > width) k--;
            return text[..k].TrimEnd() + "…";
        }
    }
}
