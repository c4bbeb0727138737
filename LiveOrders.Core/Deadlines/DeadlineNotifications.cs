using LiveOrders.Core.Data;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Deadlines;

/// <summary>Who hears of a deadline: the executor before it, the executor and their head when it passes, the curator later.</summary>
internal static class DeadlineNotifications
{
    public static async Task<IEnumerable<Notification>> ReminderAsync(LiveOrdersDbContext db, Order order, DateTime now, CancellationToken ct) =>
        Make(await ExecutorsAsync(db, order, ct), NotificationKind.DueSoon, order, "срок истекает в течение суток", now);

    public static async Task<IEnumerable<Notification>> OverdueAsync(LiveOrdersDbContext db, Order order, DateTime now, CancellationToken ct)
    {
        var people = await ExecutorsAsync(db, order, ct);
        people.AddRange(await OrderNotifications.HeadsAsync(db, order.ExecutingDepartmentId, ct));
        people.Add(order.AuthorId);
        if (order.ControllerId is { } controller) people.Add(controller);
        return Make(people, NotificationKind.Overdue, order, "срок исполнения истёк", now);
    }

    public static async Task<IEnumerable<Notification>> EscalationAsync(LiveOrdersDbContext db, Order order, DateTime now, CancellationToken ct)
    {
        var curators = await db.Departments.Where(d => d.Id == order.ExecutingDepartmentId && d.CuratorId != null)
            .Select(d => d.CuratorId!.Value).ToListAsync(ct);
        return Make(curators, NotificationKind.Escalation, order, "поручение остаётся просроченным, требуется вмешательство куратора", now);
    }

    private static IEnumerable<Notification> Make(IEnumerable<int> people, NotificationKind kind, Order order, string what, DateTime now) =>
        people.Distinct().Select(id => new Notification(id, kind, order.Id, $"{order.Number} «{Short(order.Title)}»: {what}", now));

    private static string Short(string title) => title.Length > 80 ? title[..79] + "…" : title;

    private static async Task<List<int>> ExecutorsAsync(LiveOrdersDbContext db, Order order, CancellationToken ct) =>
        order.ResponsibleId is { } r
            ? [r, .. order.CoExecutors.Select(c => c.EmployeeId)]
            : await OrderNotifications.HeadsAsync(db, order.ExecutingDepartmentId, ct);
}
