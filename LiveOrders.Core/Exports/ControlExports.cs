using LiveOrders.Core.Control;
using LiveOrders.Core.Delays;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Exports;

/// <summary>
/// The control panel as xlsx or CSV, as it stands at that moment for its reader: «Панель» (when, over which departments,
/// the zone), «По подразделениям» (the departments table and the «Всего» of the tiles), «Просрочено» (every overdue order,
/// not only the 50 the screen lists), «Пинг-понг» and «Причины просрочки». It reads through the panel's own queries
/// (<see cref="ControlQueries"/>, <see cref="DelayReasons.LateByReasonRecentAsync"/>) over the panel's own scope, so it
/// holds what the panel shows and refuses whom the panel refuses. Titles only, never an order's text: as the order list's
/// export, it is no opening of an order and goes into no read log.
/// </summary>
public sealed class ControlExports(ControlQueries queries, DelayReasons reasons, MunicipalTime time)
{
    public const string Refusal = "Панель контроля — для заместителей главы (по курируемым подразделениям) и контрольного отдела.";

    public static readonly string[] DepartmentHeaders =
        ["Подразделение", "В работе", "Просрочено", "Срок сегодня", "Срок в ближайшие 3 дня", "Исполнено за неделю", "Исполнено за 30 дней", "Из них в срок", "В срок, %"];

    public static readonly string[] OverdueHeaders = ["Номер", "Поручение", "Подразделение", "Исполнитель", "Срок", "Дней просрочки"];

    public static readonly string[] PingPongHeaders = ["Номер", "Поручение", "Сейчас исполняет", "Вернул", "Вернулось в", "Возвратов", "Когда вернулось"];

    public static readonly string[] ReasonHeaders = ["Причина", "Поручений"];

    public async Task<Result<ExportFile>> ExportAsync(Actor actor, ExportFormat format, CancellationToken ct = default)
    {
        var scope = await queries.ScopeAsync(actor, ct);
        if (scope.Count == 0) return Result<ExportFile>.From(Result.Forbidden(Refusal));
        var snapshot = await queries.SnapshotAsync(scope, ct);
        var late = await reasons.LateByReasonRecentAsync(actor, ct);
        if (!late.Ok) return Result<ExportFile>.From(late);

        IReadOnlyList<object?> Field(string name, object? value) => [name, value];
        var header = new ExportTable("Панель", ["Поле", "Значение"],
        [
            Field("Панель контроля", "по состоянию на момент выгрузки"),
            Field("Сформирована", Local(snapshot.At)),
            Field("Подразделения", string.Join(", ", scope.Select(d => d.ShortName))),
            Field("Часовой пояс", Zone()),
            Field("Причины просрочки", $"за {DelayReasons.RecentDays} дней, включая сегодня"),
        ]);
        var departments = new ExportTable("По подразделениям", DepartmentHeaders,
            snapshot.Departments.Append(snapshot.Total).Select(d => (IReadOnlyList<object?>)
            [
                d.Name, d.Open, d.Overdue, d.DueToday, d.DueIn3Days, d.DoneThisWeek, d.Done30Days, d.DoneOnTime30Days, Percent(d.OnTimeRate),
            ]).ToList());
        var overdue = new ExportTable("Просрочено", OverdueHeaders, snapshot.Overdue.Select(o => (IReadOnlyList<object?>)
            [o.Number, o.Title, o.Department, o.Executor ?? "не назначен", Local(o.DueAt), o.DaysLate]).ToList());
        var pingPongs = new ExportTable("Пинг-понг", PingPongHeaders, (snapshot.PingPongs ?? []).Select(p => (IReadOnlyList<object?>)
            [p.Number, p.Title, p.Department, p.SentBackBy, p.ReturnedTo, p.Count, Local(p.At)]).ToList());
        var byReason = new ExportTable("Причины просрочки", ReasonHeaders,
            late.Value!.Select(r => (IReadOnlyList<object?>)[r.Reason, r.Orders]).ToList());

        var tables = new[] { header, departments, overdue, pingPongs, byReason };
        var name = $"Панель_контроля_{time.ToLocal(snapshot.At):yyyy-MM-dd_HH-mm}";
        return format switch
        {
            ExportFormat.Xlsx => new ExportFile(XlsxExport.Write(tables), ExportFormats.XlsxType, name + ".xlsx"),
            _ => new ExportFile(CsvExport.Write(tables), ExportFormats.CsvType, name + ".csv"),
        };
    }

    /// <summary>In the municipality's zone, to the whole second (a spreadsheet date holds no finer).</summary>
    private DateTime Local(DateTime utc)
    {
        var local = time.ToLocal(utc);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }

    private string Zone()
    {
        var offset = time.Zone.GetUtcOffset(time.UtcNow);
        return $"{time.Zone.Id} (UTC{(offset < TimeSpan.Zero ? "−" : "+")}{offset.Duration():hh\\:mm})";
    }

    /// <summary>A share in percent with two decimals, as a number a spreadsheet can compute with; none when nothing was done.</summary>
    private static double? Percent(double? share) => share is { } s ? Math.Round(s * 100, 2, MidpointRounding.AwayFromZero) : null;
}
