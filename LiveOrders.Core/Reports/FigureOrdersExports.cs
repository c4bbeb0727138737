using System.Globalization;
using LiveOrders.Core.Exports;
using LiveOrders.Core.Language;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Reports;

/// <summary>
/// The orders behind a report figure (<see cref="ReportQueries.OrdersBehindAsync"/>) as the drill-down page titles them and
/// as an xlsx or CSV file, with the same rows and the same permissions; dates in the municipality's zone.
/// </summary>
public sealed class FigureOrdersExports(ReportQueries queries, MunicipalTime time)
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>
    /// «Поступило — Дорожное хозяйство, 01.03.2026–31.03.2026»; «Просрочено сейчас — ЖКХ, на 26.11.2026 14:00»;
    /// «Исполнено — итого по 2 подразделениям, …».
    /// </summary>
    public string Title(FigureOrders orders)
    {
        // A union names its count, not every department (the page lists them under the title).
        var departments = orders.Departments.Count == 1
            ? orders.Departments[0].ShortName
            : "итого по " + RussianPlural.Of(orders.Departments.Count, "подразделению", "подразделениям", "подразделениям");
        var when = orders.Figure == ReportFigure.OverdueNow
            ? "на " + time.ToLocal(orders.Moment).ToString("dd.MM.yyyy HH:mm", Russian)
            : $"{orders.Period.From.ToString("dd.MM.yyyy", Russian)}–{orders.Period.To.AddDays(-1).ToString("dd.MM.yyyy", Russian)}";
        return $"{orders.Figure.Russian()} — {departments}, {when}";
    }

    public async Task<Result<ExportFile>> FileAsync(Actor actor, ReportPeriod period, IReadOnlyCollection<int>? departmentIds, ReportFigure figure,
        ExportFormat format, CancellationToken ct = default)
    {
        var result = await queries.OrdersBehindAsync(actor, period, departmentIds, figure, ct);
        if (!result.Ok) return Result<ExportFile>.From(result);
        var orders = result.Value!;
        var table = Table(orders);
        var who = orders.Departments.Count == 1 ? orders.Departments[0].ShortName : "итого";
        var name = FileName($"{figure.Russian()}_{who}_{period.From:yyyy-MM-dd}_{period.To.AddDays(-1):yyyy-MM-dd}");
        return format switch
        {
            ExportFormat.Xlsx => new ExportFile(XlsxExport.Write([table]), ExportFormats.XlsxType, name + ".xlsx"),
            _ => new ExportFile(CsvExport.Write([table]), ExportFormats.CsvType, name + ".csv"),
        };
    }

    /// <summary>
    /// One row per row of the list: the order, the department it counts for, the row's value (a date, a duration written
    /// out with its whole minutes beside it so a spreadsheet can sort and sum them, or a mark) and its note.
    /// </summary>
    public ExportTable Table(FigureOrders orders)
    {
        var figure = orders.Figure;
        List<string> headers = ["Номер", "Поручение", "Статус", "Срок", "Подразделение", figure.ValueHeader()];
        if (figure.IsDuration()) headers.Add("Минут");
        if (figure.HasNotes()) headers.Add(figure.NoteHeader());
        var rows = orders.Rows.Select(r =>
        {
            List<object?> row = [r.Number, r.Title, r.Status.Russian(), Local(r.DueAt), r.Department];
            if (figure.IsDuration()) row.AddRange([ReportDuration.Russian(r.Duration), (long?)r.Duration?.TotalMinutes]);
            else if (figure == ReportFigure.Marked) row.Add(r.Mark);
            else row.Add(Local(r.At));
            if (figure.HasNotes()) row.Add(r.Note);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable(figure.Russian(), headers, rows);
    }

    /// <summary>In the municipality's zone, to the whole second (as the order exports write dates).</summary>
    private DateTime Local(DateTime utc)
    {
        var local = time.ToLocal(utc);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }

    private static string FileName(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
}
