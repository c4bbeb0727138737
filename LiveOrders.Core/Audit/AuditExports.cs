using LiveOrders.Core.Exports;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Audit;

/// <summary>The log as filtered, newest first, as xlsx or CSV, with times in the municipality's zone.</summary>
public sealed class AuditExports(AuditLog log, MunicipalTime time)
{
    /// <summary>The most entries a file holds: years of a municipality's log, not an unbounded read.</summary>
    public const int MaxRows = 50_000;

    public static readonly string[] Headers = ["Когда", "Кто", "Адрес", "Раздел", "Действие", "Что", "Изменения", "Код действия", "Объект"];

    /// <summary>The file, or a refusal for someone who may not read the log.</summary>
    public async Task<Result<ExportFile>> ExportAsync(Actor actor, AuditFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var rows = await log.AllAsync(actor, filter, MaxRows, ct);
        if (!rows.Ok) return Result<ExportFile>.From(rows);
        var table = new ExportTable("Журнал изменений", Headers, rows.Value!.Select(r => (IReadOnlyList<object?>)
        [
            Local(r.At), r.ActorName, r.Address ?? "", r.Kind.Russian(), r.Summary, r.EntityId, r.Changes, r.Action,
            r.EntityType,
        ]).ToList());
        var name = $"Журнал_изменений_{time.LocalNow:yyyy-MM-dd}";
        return format == ExportFormat.Xlsx
            ? new ExportFile(XlsxExport.Write([table]), ExportFormats.XlsxType, name + ".xlsx")
            : new ExportFile(CsvExport.Write([table]), ExportFormats.CsvType, name + ".csv");
    }

    private DateTime Local(DateTime utc)
    {
        var local = time.ToLocal(utc);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }
}
