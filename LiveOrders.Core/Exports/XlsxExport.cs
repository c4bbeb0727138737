using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveOrders.Core.Exports;

/// <summary>
/// Writes tables as an xlsx workbook, a sheet each: a bold header row, text as inline strings (never formulas, so a title
/// like «=1+1» is shown as typed), numbers as numbers (a fraction in the General format: round it first) and dates as real date
/// cells with a «ДД.ММ.ГГГГ ЧЧ:ММ» format (a whole day, <see cref="DateOnly"/>: «ДД.ММ.ГГГГ»), so Excel and LibreOffice
/// sort, filter and add them up. Each sheet prints as a document: one page wide (landscape when its columns are wide),
/// the header row frozen on screen and repeated on every printed page, and the lines above and below the table wrapped
/// across its width, so a справка's summary is not cut off at the page's edge.
/// </summary>
public static class XlsxExport
{
    private const uint HeaderStyle = 1, DateStyle = 2, DayStyle = 3, WrapStyle = 4;
    /// <summary>Wider than this (in characters of the columns' widths) a sheet prints in landscape.</summary>
    private const double PortraitWidth = 95;
    private const uint DateFormatId = 164, DayFormatId = 165; // 164 is the first id free for custom formats

    public static byte[] Write(IReadOnlyList<ExportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var titles = new DefinedNames();
            uint id = 1;
            foreach (var table in tables)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = Worksheet(table, out var headerRow);
                var name = SheetName(table.Name);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = id, Name = name });
                titles.Append(new DefinedName($"'{name.Replace("'", "''")}'!${headerRow}:${headerRow}")
                {
                    Name = "_xlnm.Print_Titles", LocalSheetId = id - 1,
                });
                id++;
            }
            workbookPart.Workbook.Append(titles);
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Worksheet Worksheet(ExportTable table, out uint headerRow)
    {
        var widths = table.Headers.Select((h, i) => Math.Clamp(
            table.Rows.Select(r => i < r.Count ? Shown(r[i]).Length : 0).Append(h.Length).Max() + 2, 8, 60)).ToList();
        var columns = new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true,
        }));
        var data = new SheetData();
        var merges = new MergeCells();
        var width = widths.Sum();
        uint index = 1;
        foreach (var line in table.Above ?? [])
        {
            data.Append(Line(line, index, index == 1 ? HeaderStyle : WrapStyle)); // the first line is the document's title
            index++;
        }
        if (table.Above is { Count: > 0 }) index++;
        headerRow = index;
        data.Append(new Row(table.Headers.Select(h => Text(h, HeaderStyle))) { RowIndex = index++ });
        foreach (var row in table.Rows)
            data.Append(new Row(row.Select(Cell)) { RowIndex = index++ });
        if (table.Below is { Count: > 0 }) index++;
        foreach (var line in table.Below ?? [])
            data.Append(Line(line, index++, WrapStyle));

        var frozen = new Pane
        {
            VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        };
        var sheet = new Worksheet(
            new SheetProperties(new PageSetupProperties { FitToPage = true }),
            new SheetViews(new SheetView(frozen) { WorkbookViewId = 0 }),
            columns, data);
        if (merges.HasChildren) sheet.Append(merges);
        sheet.Append(
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup
            {
                PaperSize = 9, // A4
                Orientation = width > PortraitWidth ? OrientationValues.Landscape : OrientationValues.Portrait,
                FitToWidth = 1, FitToHeight = 0, // one page wide, as many pages down as the rows need
            });
        return sheet;

        // A line of text above or below the table: a long one spans the table's columns and wraps, its row as tall as
        // its lines (spreadsheets do not grow a merged row by themselves).
        Row Line(string text, uint at, uint style)
        {
            var row = new Row(Text(text, style)) { RowIndex = at };
            if (widths.Count > 1 && text.Length > widths[0])
            {
                merges.Append(new MergeCell { Reference = $"A{at}:{ColumnName(widths.Count)}{at}" });
                var lines = Math.Ceiling(text.Length * 1.15 / width);
                if (lines > 1) { row.Height = 15 * lines; row.CustomHeight = true; }
            }
            return row;
        }
    }

    /// <summary>A column's letters: 1 → A, 27 → AA.</summary>
    private static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        DateTime date => new Cell
        {
            CellValue = new CellValue(date.ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DataType = CellValues.Number, StyleIndex = DateStyle,
        },
        DateOnly day => new Cell
        {
            CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DataType = CellValues.Number, StyleIndex = DayStyle,
        },
        int or long => new Cell { CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!), DataType = CellValues.Number },
        double number when double.IsFinite(number) =>
            new Cell { CellValue = new CellValue(number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)), DataType = CellValues.Number },
        _ => Text(value.ToString() ?? "", 0),
    };

    private static Cell Text(string text, uint style) => new()
    {
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style == 0 ? null : style,
    };

    private static string Shown(object? value) => value switch
    {
        null => "",
        DateTime => "00.00.0000 00:00",
        DateOnly => "00.00.0000",
        _ => value.ToString() ?? "",
    };

    /// <summary>Sheet names: at most 31 characters and none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? ' ' : c).ToArray()).Trim();
        return clean.Length == 0 ? "Лист" : clean.Length > 31 ? clean[..31] : clean;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "dd.mm.yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = DayFormatId, FormatCode = "dd.mm.yyyy" }) { Count = 2 },
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DayFormatId, ApplyNumberFormat = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { ApplyAlignment = true }) { Count = 5 });
}
