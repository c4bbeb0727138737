using LiveOrders.Core.Exports;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The справка as an xlsx through <see cref="XlsxExport"/>: the first sheet has the header, the figures, the summary and
/// the blank signatures; the two lists have a sheet each (numbers as numbers, the due time as a date cell).
/// </summary>
public static class DisciplineXlsx
{
    public static readonly string[] FigureHeaders =
        ["Подразделение", "Поступило", "Исполнено", "Из них в срок", "% в срок", "С нарушением срока", "Просрочено на дату справки"];
    public static readonly string[] ListHeaders =
        ["№", "Номер", "Поручение", "Подразделение", "Срок", "Просрочка", "Просрочка, часов", "Причина просрочки"];
    public const string OverdueSheet = "Просрочены на дату справки";
    public const string LateSheet = "Исполнены с нарушением срока";

    public static byte[] Write(DisciplineReport report)
    {
        var header = report.Header;
        // The first line is bold: the administration's name, else the document's.
        List<string> above = [];
        if (header.Organisation is { Length: > 0 } organisation) above.Add(organisation);
        above.Add($"{DisciplineReport.Title} {header.Period}");
        above.Add($"Подразделение: {header.Departments}");
        above.Add($"Дата составления: {DisciplineText.DateTime(header.MadeAt)}");

        var rows = report.Figures
            .Select(f => Row(f.Name, f.Received, f.Done, f.DoneOnTime, Percent(f.OnTimeRate), f.Done - f.DoneOnTime, f.OverdueNow))
            .Append(Row("Итого", report.Totals.Received, report.Totals.Done, report.Totals.DoneOnTime, Percent(report.Totals.OnTimeRate),
                report.Totals.DoneLate, report.Totals.OverdueNow))
            .ToList();
        var figures = new ExportTable("Справка", FigureHeaders, rows, above,
            [report.Summary, "", $"{DisciplineReport.ControlHead} {DisciplineReport.SignatureBlank}", "", $"Дата {DisciplineReport.DateBlank}"]);
        return XlsxExport.Write([figures, List(OverdueSheet, report.OverdueNow), List(LateSheet, report.DoneLate)]);
    }

    private static ExportTable List(string name, IReadOnlyList<LateOrder> orders) => new(name, ListHeaders,
        orders.Select((o, i) => Row(i + 1, o.Number, o.Title, o.Department, o.DueAt, DisciplineText.Delay(o.Delay), (long)o.Delay.TotalHours,
            o.DelayReason ?? "не указана")).ToList(),
        [name], orders.Count == 0 ? [DisciplineReport.NoneListed] : null);

    /// <summary>A whole percent as a number, none when nothing was done.</summary>
    private static object? Percent(double? rate) => rate is { } r ? (int)Math.Round(r * 100, MidpointRounding.AwayFromZero) : null;

    private static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
