using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;

namespace LiveOrders.Core.Exports;

/// <summary>
/// Order lists as they are filtered, and one order with its whole history, as xlsx or CSV. Every read goes through
/// <see cref="OrderQueries"/>, so an export holds exactly what its reader may see; dates are in the municipality's zone.
/// </summary>
public sealed class OrderExports(OrderQueries queries, OrderReadLog reads, MunicipalTime time)
{
    /// <summary>The most rows a list export holds: a whole administration's orders for years, not an unbounded read.</summary>
    public const int MaxRows = 20_000;

    public static readonly string[] ListHeaders =
        ["Номер", "Поручение", "Статус", "Приоритет", "Срок", "Просрочено", "На контроле", "Исполняет", "Выдал", "Исполнитель", "Завершено"];

    public async Task<ExportFile> ListAsync(Actor actor, OrderFilter filter, ExportFormat format, CancellationToken ct = default)
    {
        var items = await queries.AllAsync(actor, filter, MaxRows, ct);
        var rows = items.Select(o => (IReadOnlyList<object?>)
        [
            o.Number, o.Title, o.Status.Russian(), o.Priority.Russian(), Local(o.DueAt), YesNo(o.IsOverdue), YesNo(o.OnControl),
            o.ExecutingDepartment, o.IssuingDepartment, o.Responsible ?? "", Local(o.CompletedAt),
        ]).ToList();
        var table = new ExportTable("Поручения", ListHeaders, rows);
        return File([table], format, $"Поручения_{time.LocalNow:yyyy-MM-dd}");
    }

    /// <summary>One order with its history and comments; nothing for someone who may not see it (recorded as an opening when it holds personal data).</summary>
    public async Task<ExportFile?> OrderAsync(Actor actor, int orderId, ExportFormat format, CancellationToken ct = default)
    {
        var result = await reads.OpenAsync(actor, orderId, ReadChannel.Export, ct);
        if (!result.Ok) return null;
        var o = result.Value!;
        IReadOnlyList<object?> Field(string name, object? value) => [name, value];
        var facts = new ExportTable("Поручение", ["Поле", "Значение"],
        [
            Field("Номер", o.Number), Field("Заголовок", o.Title), Field("Текст", o.Text),
            Field("Статус", o.Status.Russian()), Field("Приоритет", o.Priority.Russian()), Field("Тип", o.Type?.Name),
            Field("Срок", Local(o.DueAt)), Field("Просрочено", YesNo(o.IsOverdue)), Field("На контроле", YesNo(o.OnControl)),
            Field("Создано", Local(o.CreatedAt)), Field("Завершено", Local(o.CompletedAt)),
            Field("Автор", o.Author.FullName), Field("Выдал", o.IssuingDepartment), Field("Исполняет", o.ExecutingDepartment),
            Field("Ответственный исполнитель", o.Responsible?.FullName),
            Field("Соисполнители", string.Join(", ", o.CoExecutors.Select(c => c.FullName))),
            Field("Контролёр", o.Controller?.FullName), Field("Оценка качества", o.QualityMark),
            Field("Переадресаций", o.ForwardCount),
        ]);
        var history = new ExportTable("История", ["Когда", "Событие", "Кто", "Причина", "Откуда", "Куда", "Сотрудник", "Срок", "Оценка", "Причина задержки"],
            o.History.Select(h => (IReadOnlyList<object?>)
            [
                Local(h.At), h.Kind.Russian(), h.Actor, h.Reason, h.FromDepartment, h.ToDepartment, h.Employee, Local(h.DueAt), h.Mark, h.DelayReason,
            ]).ToList());
        var comments = new ExportTable("Комментарии", ["Когда", "Автор", "Текст"],
            o.Comments.Select(c => (IReadOnlyList<object?>)[Local(c.At), c.Author, c.Text]).ToList());
        var number = new string(o.Number.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '-').ToArray());
        return File([facts, history, comments], format, $"Поручение_{number}_{time.LocalNow:yyyy-MM-dd}");
    }

    private static ExportFile File(IReadOnlyList<ExportTable> tables, ExportFormat format, string name) => format switch
    {
        ExportFormat.Xlsx => new ExportFile(XlsxExport.Write(tables), ExportFormats.XlsxType, name + ".xlsx"),
        _ => new ExportFile(CsvExport.Write(tables), ExportFormats.CsvType, name + ".csv"),
    };

    /// <summary>In the municipality's zone, to the whole second (a spreadsheet date holds no finer, and shows minutes).</summary>
    private DateTime? Local(DateTime? utc)
    {
        if (utc is not { } u) return null;
        var local = time.ToLocal(u);
        return new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
    }

    private static string YesNo(bool value) => value ? "да" : "нет";
}
