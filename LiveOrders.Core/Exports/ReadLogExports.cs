using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Exports;

/// <summary>
/// The log of openings of orders holding personal data (<c>/control/reads</c>) as filtered, as xlsx or CSV: every row the
/// page finds for the same filter (not one page of 50), through <see cref="OrderReadLog.AllAsync"/> and so with the page's
/// refusal for whoever may not read the log. When is in the municipality's zone.
/// </summary>
public sealed class ReadLogExports(OrderReadLog log, MunicipalTime time)
{
    public static readonly string[] Headers = ["Когда", "Поручение", "Кто", "Подразделение", "Как"];

    public async Task<Result<ExportFile>> ExportAsync(Actor actor, DateOnly? from, DateOnly? to, string? text, ExportFormat format,
        CancellationToken ct = default)
    {
        var found = await log.AllAsync(actor, from, to, text, ct);
        if (!found.Ok) return Result<ExportFile>.From(found);
        var table = new ExportTable("Просмотры", Headers, found.Value!.Items.Select(r => (IReadOnlyList<object?>)
            [Local(r.At), r.OrderNumber, r.Reader, r.ReaderDepartment, r.Channel.Russian()]).ToList());
        var name = $"Журнал_просмотров_{time.LocalNow:yyyy-MM-dd}";
        return format switch
        {
            ExportFormat.Xlsx => new ExportFile(XlsxExport.Write([table]), ExportFormats.XlsxType, name + ".xlsx"),
            _ => new ExportFile(CsvExport.Write([table]), ExportFormats.CsvType, name + ".csv"),
        };
    }

    /// <summary>In the municipality's zone, to the whole second (a spreadsheet date holds no finer).</summary>
    private DateTime Local(DateTime utc)
    {
        var local = time.ToLocal(utc);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }
}
