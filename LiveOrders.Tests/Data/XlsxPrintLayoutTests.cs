using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using LiveOrders.Core.Exports;

namespace LiveOrders.Tests.Data;

/// <summary>
/// Exported sheets print as documents: a справка's xlsx converted by LibreOffice came out column by column over several
/// pages with its summary cut at the page's edge.
/// </summary>
public sealed class XlsxPrintLayoutTests
{
    private static readonly string[] WideHeaders =
        ["№", "Номер", "Поручение", "Подразделение", "Срок", "Просрочка", "Просрочка, часов", "Причина просрочки"];

    private static readonly string Summary =
        "В отчётном периоде поступило 15 поручений, исполнено 3 поручения, из них в срок — 1 (33 %); просрочено на дату справки — 4 поручения. " +
        "С нарушением срока исполнено 2 поручения.";

    private static ExportTable Wide() => new("Справка", WideHeaders,
        [[1, "П-2026/0009", new string('т', 70), "Образование", new DateTime(2026, 11, 23, 6, 15, 0), "4 дня", 96, "не указана"]],
        ["Администрация города", "Справка об исполнительской дисциплине за ноябрь 2026 г."],
        [Summary, "", "Начальник отдела контроля ____________ / ____________ /"]);

    [Fact]
    public void AWideSheet_PrintsOnePageWide_InLandscape_WithItsHeaderRowOnEveryPage()
    {
        using var document = Open(XlsxExport.Write([Wide()]));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;

        var setup = sheet.GetFirstChild<PageSetup>()!;
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal((1u, 0u), (setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        Assert.True(sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);

        // Two title lines, a blank row, then the header row (4): frozen on screen and repeated on paper.
        var titles = document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Single();
        Assert.Equal(("_xlnm.Print_Titles", 0u, "'Справка'!$4:$4"), (titles.Name!.Value, titles.LocalSheetId!.Value, titles.Text));
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 4d, "A5"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
    }

    [Fact]
    public void ALongLineUnderTheTable_SpansItsColumns_AndWraps_InARowTallEnoughForIt()
    {
        using var document = Open(XlsxExport.Write([Wide()]));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;

        // Rows: 1–2 titles, 4 header, 5 the order, 7 the summary, 9 the signatures.
        var merges = sheet.Descendants<MergeCell>().Select(m => m.Reference!.Value).ToList();
        Assert.Contains("A2:H2", merges);
        Assert.Contains("A7:H7", merges);
        Assert.Contains("A9:H9", merges);
        Assert.DoesNotContain(merges, m => m!.StartsWith("A8:", StringComparison.Ordinal)); // the empty line between them fits in A
        var summary = sheet.Descendants<Row>().Single(r => r.RowIndex!.Value == 7);
        Assert.Equal(Summary, summary.Elements<Cell>().Single().InnerText);
        var style = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)summary.Elements<Cell>().Single().StyleIndex!.Value);
        Assert.True(style.Alignment!.WrapText!.Value);
        var width = sheet.Descendants<Column>().Sum(c => c.Width!.Value);
        Assert.True(summary.CustomHeight!.Value && summary.Height!.Value >= 15 * Math.Ceiling(Summary.Length / width),
            $"the summary's row is {summary.Height?.Value} pt tall for {Summary.Length} characters over {width} characters of columns");
    }

    [Fact]
    public void ANarrowSheet_PrintsInPortrait_AndEveryLayoutIsValidForExcel()
    {
        var narrow = new ExportTable("Журнал", ["Когда", "Кто"], [[new DateTime(2026, 11, 26, 10, 0, 0), "Петрова Г. В."]]);
        var bytes = XlsxExport.Write([narrow, Wide()]);
        using var document = Open(bytes);

        var first = document.WorkbookPart!.WorksheetParts
            .Single(p => document.WorkbookPart.GetIdOfPart(p) == document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!.Value);
        Assert.Equal(OrientationValues.Portrait, first.Worksheet.GetFirstChild<PageSetup>()!.Orientation!.Value);
        Assert.Equal(["'Журнал'!$1:$1", "'Справка'!$4:$4"],
            document.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Select(d => d.Text));
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);
}
