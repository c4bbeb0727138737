using LiveOrders.Core.Data;
using LiveOrders.Core.Orders;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Webhooks;

/// <summary>
/// Writes the outbox: called by <see cref="LiveOrdersDbContext"/> just before every save, so whichever use case or
/// background job appends an order event or a comment, its deliveries are saved in the same transaction.
/// </summary>
internal static class WebhookOutbox
{
    public static void AddDeliveries(LiveOrdersDbContext db)
    {
        var added = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Added && e.Entity is OrderEvent or OrderComment)
            .Select(e => e.Entity).ToList();
        if (added.Count == 0) return;
        var subscriptions = db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToList();
        if (subscriptions.Count == 0) return;

        var trackedOrders = db.ChangeTracker.Entries<Order>().Select(e => e.Entity).ToList();
        var now = DateTime.UtcNow;
        foreach (var entity in added)
        {
            var (kind, orderId, orderEvent, comment, at) = entity switch
            {
                OrderEvent e => (WebhookEventKindMap.Of(e.Kind), e.OrderId, e, (OrderComment?)null, e.At),
                OrderComment c => (WebhookEventKinds.Commented, c.OrderId, (OrderEvent?)null, c, c.CreatedAt),
                _ => (WebhookEventKinds.None, 0, null, null, now),
            };
            if (kind == WebhookEventKinds.None) continue;
            var wanted = subscriptions.Where(s => s.Kinds.HasFlag(kind)).ToList();
            if (wanted.Count == 0) continue;

            // A new order's events carry no order id yet: the order is the tracked one that holds them.
            var order = orderEvent is not null ? trackedOrders.FirstOrDefault(o => o.History.Contains(orderEvent)) : null;
            order ??= trackedOrders.FirstOrDefault(o => o.Id == orderId && orderId != 0);
            var audience = order is not null ? OrderAudience.Of(order) : Load(db, orderId);
            if (audience is null) continue;
            if (audience.Parent is null && audience.ParentId is { } parentId)
                audience = audience with { Parent = Load(db, parentId) };

            foreach (var subscription in wanted.Where(s => OrderPolicy.DepartmentScopeMaySee(s.DepartmentId, audience)))
                db.WebhookDeliveries.Add(new WebhookDelivery(subscription.Id, order, orderId, kind, at, orderEvent, comment));
        }
    }

    private static OrderAudience? Load(LiveOrdersDbContext db, int orderId) =>
        db.Orders.AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new OrderAudience(o.Status, o.AuthorId, o.IssuingDepartmentId, o.ExecutingDepartmentId,
                o.ResponsibleId, new List<int>(), o.ParentId, null, o.ControllerId))
            .FirstOrDefault();
}
