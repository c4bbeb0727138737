using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Notifications;

/// <summary>
/// Who is told what when something happens to an order: one table of event → recipients. The rows are
/// added to the same unit of work as the change, so a notification exists exactly when its change does.
/// </summary>
internal static class OrderNotifications
{
    /// <param name="controllerBefore">The order's controller before the change that made <paramref name="e"/>: the event
    /// names only the new one, and the one replaced must hear of it too.</param>
    public static async Task<List<Notification>> ForEventAsync(LiveOrdersDbContext db, Order order, OrderEvent e, CancellationToken ct,
        int? controllerBefore = null)
    {
        var executors = order.ResponsibleId is { } r ? [r] : await HeadsAsync(db, order.ExecutingDepartmentId, ct);
        // The controller hears what the author hears of the order's course.
        List<int> author = order.ControllerId is { } c ? [order.AuthorId, c] : [order.AuthorId];
        var (kind, recipients) = e.Kind switch
        {
            OrderEventKind.Sent => (NotificationKind.NewForDepartment, await HeadsAsync(db, order.ExecutingDepartmentId, ct)),
            OrderEventKind.Forwarded => (NotificationKind.ForwardedToDepartment, await HeadsAsync(db, order.ExecutingDepartmentId, ct)),
            OrderEventKind.Assigned => (NotificationKind.AssignedToMe, [order.ResponsibleId!.Value, .. order.CoExecutors.Select(c => c.EmployeeId)]),
            OrderEventKind.Submitted => (NotificationKind.ReviewRequested, author),
            OrderEventKind.Returned => (NotificationKind.Returned, executors),
            OrderEventKind.Declined => (NotificationKind.Declined, author),
            OrderEventKind.Approved => (NotificationKind.Approved, executors),
            OrderEventKind.Cancelled => (NotificationKind.Cancelled, executors),
            OrderEventKind.ExtensionRequested => (NotificationKind.ExtensionRequested, [.. author, .. await CuratorsAsync(db, order, ct)]),
            OrderEventKind.ExtensionApproved or OrderEventKind.ExtensionRejected => (NotificationKind.ExtensionDecided, executors),
            OrderEventKind.Corrected => (NotificationKind.Corrected, await ExecutorsWithHeadAsync(db, order, ct)),
            OrderEventKind.DueChanged => (NotificationKind.DueChanged, [.. await ExecutorsWithHeadAsync(db, order, ct), .. author]),
            OrderEventKind.PingPong => (NotificationKind.PingPong, await PingPongCuratorsAsync(db, order, e, ct)),
            OrderEventKind.ControllerChanged => (NotificationKind.ControllerAssigned, e.EmployeeId is { } controller ? [controller] : []),
            OrderEventKind.TakenOffControl or OrderEventKind.PutOnControl =>
                (NotificationKind.ControlChanged, [.. author, .. await ExecutorsWithHeadAsync(db, order, ct)]),
            OrderEventKind.Expedited => (NotificationKind.Expedited, await ExecutorsWithHeadAsync(db, order, ct)),
            _ => (default(NotificationKind?), new List<int>()),
        };
        var all = new List<Notification>();
        // A controller chosen in the draft learns of it when the order goes out, as the executing department does.
        if (e.Kind == OrderEventKind.Sent && order.ControllerId is { } named && named != e.ActorId)
            all.Add(new Notification(named, NotificationKind.ControllerAssigned, order.Id, $"{Subject(order)}: вы назначены контролёром поручения", e.At));
        if (e.Kind == OrderEventKind.ControllerChanged && controllerBefore is { } previous && previous != e.ActorId && previous != e.EmployeeId)
            all.Add(new Notification(previous, NotificationKind.ControlChanged, order.Id,
                WithReason($"{Subject(order)}: вы больше не контролёр поручения", e), e.At));
        if (kind is not { } k) return all;
        var text = e.Kind == OrderEventKind.PingPong ? await PingPongTextAsync(db, order, e, ct) : TextFor(order, e);
        all.AddRange(recipients.Where(id => id != e.ActorId).Distinct()
            .Select(id => new Notification(id, k, order.Id, text, e.At)));
        return all;
    }

    public static Notification Mention(Order order, int recipientId, string author, DateTime at) =>
        new(recipientId, NotificationKind.Mention, order.Id, $"{Subject(order)}: {author} упоминает вас в комментарии", at);

    private static string TextFor(Order order, OrderEvent e)
    {
        var what = e.Kind switch
        {
            OrderEventKind.Sent => "новое поручение для вашего подразделения",
            OrderEventKind.Forwarded => "переадресовано в ваше подразделение",
            OrderEventKind.Assigned => "вы назначены исполнителем",
            OrderEventKind.Submitted => "результат ждёт вашей проверки",
            OrderEventKind.Returned => "возвращено на доработку",
            OrderEventKind.Declined => "отклонено исполнителем",
            OrderEventKind.Approved => "результат принят",
            OrderEventKind.Cancelled => "поручение отменено",
            OrderEventKind.ExtensionRequested => "запрошено продление срока",
            OrderEventKind.ExtensionApproved => "продление срока одобрено",
            OrderEventKind.ExtensionRejected => "в продлении срока отказано",
            OrderEventKind.Corrected => "автор исправил поручение",
            OrderEventKind.DueChanged => "срок изменён",
            OrderEventKind.ControllerChanged => "вы назначены контролёром поручения",
            OrderEventKind.TakenOffControl => "снято с контроля",
            OrderEventKind.PutOnControl => "поставлено на контроль",
            OrderEventKind.Expedited => "куратор требует ускорить исполнение",
            _ => e.Kind.Russian(),
        };
        return WithReason($"{Subject(order)}: {what}", e);
    }

    private static string WithReason(string text, OrderEvent e) => e.Reason is { Length: > 0 } reason ? $"{text} — {reason}" : text;

    private static async Task<string> PingPongTextAsync(LiveOrdersDbContext db, Order order, OrderEvent e, CancellationToken ct)
    {
        var names = await db.Departments.Where(d => d.Id == e.FromDepartmentId || d.Id == e.ToDepartmentId)
            .ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        string Name(int? id) => id is { } i && names.TryGetValue(i, out var n) ? n : "?";
        return $"{Subject(order)}: пинг-понг — поручение вернулось из подразделения «{Name(e.FromDepartmentId)}» в «{Name(e.ToDepartmentId)}», где уже было";
    }

    /// <summary>
    /// The deputy heads curating the two departments that bounced the order, of those who may see it now (the curator
    /// of the department it left sees it only if she also curates where it is now or who issued it).
    /// </summary>
    private static async Task<List<int>> PingPongCuratorsAsync(LiveOrdersDbContext db, Order order, OrderEvent e, CancellationToken ct)
    {
        var involved = new[] { e.FromDepartmentId, e.ToDepartmentId }.OfType<int>().ToList();
        var curatorIds = await db.Departments.Where(d => involved.Contains(d.Id) && d.CuratorId != null)
            .Select(d => d.CuratorId!.Value).Distinct().ToListAsync(ct);
        var curators = await db.Employees.Where(x => curatorIds.Contains(x.Id) && x.IsActive && x.Role == Role.DeputyHead)
            .Select(x => new { x.Id, x.FullName, x.DepartmentId, x.Role }).ToListAsync(ct);
        var supervised = await db.Departments.Where(d => d.CuratorId != null && curatorIds.Contains(d.CuratorId.Value))
            .Select(d => new { d.Id, Curator = d.CuratorId!.Value }).ToListAsync(ct);
        return curators
            .Where(c => OrderPolicy.CanView(new Actor(c.Id, c.FullName, c.DepartmentId, c.Role,
                supervised.Where(s => s.Curator == c.Id).Select(s => s.Id).ToList()), order))
            .Select(c => c.Id).ToList();
    }

    private static string Subject(Order order) =>
        $"{order.Number} «{(order.Title.Length > 80 ? order.Title[..79] + "…" : order.Title)}»";

    /// <summary>The active heads of a department: who hears of what arrives there or goes wrong there.</summary>
    /// <summary>Everyone working on the order: the responsible, the co-executors and the executing department's head.</summary>
    private static async Task<List<int>> ExecutorsWithHeadAsync(LiveOrdersDbContext db, Order order, CancellationToken ct) =>
        [.. order.ResponsibleId is { } r ? [r] : Array.Empty<int>(), .. order.CoExecutors.Select(c => c.EmployeeId),
            .. await HeadsAsync(db, order.ExecutingDepartmentId, ct)];

    internal static Task<List<int>> HeadsAsync(LiveOrdersDbContext db, int departmentId, CancellationToken ct) =>
        db.Employees.Where(x => x.DepartmentId == departmentId && x.Role == Role.DepartmentHead && x.IsActive).Select(x => x.Id).ToListAsync(ct);

    private static async Task<List<int>> CuratorsAsync(LiveOrdersDbContext db, Order order, CancellationToken ct) =>
        await db.Departments.Where(d => (d.Id == order.IssuingDepartmentId || d.Id == order.ExecutingDepartmentId) && d.CuratorId != null)
            .Select(d => d.CuratorId!.Value).ToListAsync(ct);
}
