using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace LiveOrders.Core.Exports;

/// <summary>
/// Writes tables as an xlsx workbook, a sheet each: a bold header row, text as inline strings (never formulas, so a title
/// like «=1+1» is shown as typed), numbers as numbers (a fraction in the General format: round it first) and dates as real date
/// cells with a «ДД.ММ.ГГГГ ЧЧ:ММ» format (a whole day, <see cref="DateOnly"/>: «ДД.ММ.ГГГГ»), so Excel and LibreOffice
/// sort, filter and add them up.
/// </summary>
public static class XlsxExport
{
    private const uint HeaderStyle = 1, DateStyle = 2, DayStyle = 3;
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
            uint id = 1;
            foreach (var table in tables)
            {
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                sheetPart.Worksheet = Worksheet(table);
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = id++, Name = SheetName(table.Name) });
            }
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Worksheet Worksheet(ExportTable table)
    {
        var widths = table.Headers.Select((h, i) => Math.Clamp(
            table.Rows.Select(r => i < r.Count ? Shown(r[i]).Length : 0).Append(h.Length).Max() + 2, 8, 60)).ToList();
        var columns = new Columns(widths.Select((w, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true,
        }));
        var data = new SheetData();
        uint index = 1;
        foreach (var line in table.Above ?? [])
            data.Append(new Row(Text(line, index == 1 ? HeaderStyle : 0)) { RowIndex = index++ });
        if (table.Above is { Count: > 0 }) index++;
        data.Append(new Row(table.Headers.Select(h => Text(h, HeaderStyle))) { RowIndex = index++ });
        foreach (var row in table.Rows)
            data.Append(new Row(row.Select(Cell)) { RowIndex = index++ });
        if (table.Below is { Count: > 0 }) index++;
        foreach (var line in table.Below ?? [])
            data.Append(new Row(Text(line, 0)) { RowIndex = index++ });
        return new Worksheet(columns, data);
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
            new CellFormat { NumberFormatId = DayFormatId, ApplyNumberFormat = true }) { Count = 4 });
}
