using LiveOrders.Core.Data;
using LiveOrders.Core.Live;
using LiveOrders.Core.Notifications;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

/// <summary>What the author asks for when creating orders: one per executing department.</summary>
public sealed record NewOrder(
    string? Title,
    string? Text,
    IReadOnlyList<int> DepartmentIds,
    Priority Priority,
    DateTime DueAt,
    bool OnControl = false,
    bool SendNow = true,
    int? ResponsibleId = null,
    int? ParentId = null,
    int? TypeId = null,
    int? ControllerId = null,
    bool ContainsPersonalData = false);

public sealed record CreatedOrder(int Id, string Number, int ExecutingDepartmentId);

/// <summary>
/// The order use cases that change something. Each runs in one fresh context and one
/// transaction, enforces <see cref="OrderPolicy"/>, records the change for other nodes in that transaction
/// (<see cref="ILiveFeed.RecordAsync"/>) and publishes to this node's screens only after the commit, so no screen
/// ever shows what did not happen. Once committed, a change is published
/// whatever becomes of the caller: a client that disconnects then must not leave every other
/// screen without it, so nothing after the commit takes the caller's cancellation token.
/// </summary>
public sealed class OrderService(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time, ILiveFeed feed, ActorDirectory directory,
    Mail.NotificationWriter notifications)
{
    private const string StaleActorMessage = "Ваши права в системе изменились. Обновите страницу.";

    public const string ConflictMessage =
        "Поручение только что изменил другой пользователь. Показано актуальное состояние — проверьте и повторите действие, если оно ещё нужно.";

    public Task<Result<IReadOnlyList<CreatedOrder>>> CreateAsync(Actor actor, NewOrder request, CancellationToken ct = default) =>
        CreateAsync(actor, request, null, ct);

    /// <param name="alsoInTransaction">Writes that commit with the orders or not at all (a recurring occurrence's record).</param>
    internal async Task<Result<IReadOnlyList<CreatedOrder>>> CreateAsync(Actor actor, NewOrder request,
        Func<LiveOrdersDbContext, IReadOnlyList<Order>, Task>? alsoInTransaction, CancellationToken ct)
    {
        if (!directory.IsCurrent(actor))
            return Result<IReadOnlyList<CreatedOrder>>.From(Result.Forbidden(StaleActorMessage));
        if (!OrderPolicy.CanCreate(actor))
            return Result<IReadOnlyList<CreatedOrder>>.From(Result.Forbidden("У вас доступ только для просмотра."));
        var now = time.UtcNow;
        try
        {
            Order.CheckDraft(new OrderDraft(request.Title, request.Text, 0, request.Priority, request.DueAt), now);
        }
        catch (OrderRuleException e)
        {
            return Invalid<IReadOnlyList<CreatedOrder>>(e.Message, e.Field);
        }
        var departments = request.DepartmentIds.Distinct().ToList();
        if (departments.Count == 0)
            return Invalid<IReadOnlyList<CreatedOrder>>("Выберите хотя бы одно подразделение-исполнителя.", "departments");
        if (!departments.All(d => OrderPolicy.MayAddress(actor, d)))
            return Result<IReadOnlyList<CreatedOrder>>.From(Result.Forbidden(OrderPolicy.OutsideIntegrationScopeMessage));

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.Departments.Where(ExecutingDepartment.Qualifies).CountAsync(d => departments.Contains(d.Id), ct);
        if (known != departments.Count)
            return Invalid<IReadOnlyList<CreatedOrder>>(ExecutingDepartment.NotFound, "departments");
        if (request.ResponsibleId is { } responsible)
        {
            if (departments.Count != 1 || !await db.Employees.AnyAsync(e => e.Id == responsible && e.IsActive && e.DepartmentId == departments[0], ct))
                return Invalid<IReadOnlyList<CreatedOrder>>("Ответственный исполнитель должен быть сотрудником исполняющего подразделения.", "responsible");
        }
        if (request.TypeId is { } typeId && !await db.OrderTypes.AnyAsync(t => t.Id == typeId && t.IsActive, ct))
            return Invalid<IReadOnlyList<CreatedOrder>>(OrderTypes.UnknownType, "type");
        if (await OrderCommand.ControllerRefusalAsync(db, request.ControllerId, ct) is { } noController)
            return Invalid<IReadOnlyList<CreatedOrder>>(noController, "controller");
        Order? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Orders.Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == parentId, ct);
            if (parent is null || !OrderPolicy.CanView(actor, parent))
                return Result<IReadOnlyList<CreatedOrder>>.From(Result.NotFound());
            if (!OrderPolicy.Can(actor, parent, OrderAction.CreateSubOrder))
                return Result<IReadOnlyList<CreatedOrder>>.From(Result.Forbidden(OrderPolicy.Refusal(actor, parent, OrderAction.CreateSubOrder)));
            if (SubOrderRules.DueAtRefusal(request.DueAt, parent.DueAt, time.Zone) is { } late)
                return Invalid<IReadOnlyList<CreatedOrder>>(late, "dueAt");
        }

        var orders = new List<Order>();
        var events = new Dictionary<Order, IReadOnlyList<OrderEvent>>();
        var notified = new Dictionary<Order, List<Notification>>();
        try
        {
            foreach (var department in departments)
            {
                var draft = new OrderDraft(request.Title, request.Text, department, request.Priority, request.DueAt,
                    request.OnControl, request.ResponsibleId, request.ParentId, request.TypeId, request.ControllerId, request.ContainsPersonalData);
                var order = Order.Create(draft, actor.EmployeeId, actor.DepartmentId, now, parent);
                if (request.SendNow) order.Send(actor.EmployeeId, now);
                orders.Add(order);
                events[order] = order.TakeNewEvents();
            }
        }
        catch (OrderRuleException e)
        {
            return Invalid<IReadOnlyList<CreatedOrder>>(e.Message, e.Field);
        }

        // The live changes, each with its card as committed: read inside the transaction when the feed records them there.
        async Task<IReadOnlyList<OrderChanged>> CreatedAsync(CancellationToken token)
        {
            var changes = new List<OrderChanged>();
            foreach (var order in orders)
                changes.Add(ChangeOf(order, OrderChangeKind.Created, actor.EmployeeId, now, null, events[order],
                    card: await OrderQueries.CardAsync(db, order.Id, now, token), notifications: Items(notified[order])));
            return changes;
        }

        IReadOnlyList<OrderChanged>? created = null;
        // One transaction for the numbers and the orders: all departments get their order, or none does.
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var year = time.LocalNow.Year;
            foreach (var order in orders)
            {
                order.AssignNumber(await RegistrationNumbers.NextAsync(db, year, ct));
                db.Orders.Add(order);
            }
            await db.SaveChangesAsync(ct);
            foreach (var order in orders)
                notified[order] = await NotifyAsync(db, order, events[order], ct);
            if (alsoInTransaction is not null) await alsoInTransaction(db, orders);
            await db.SaveChangesAsync(ct);
            if (feed.RecordsInTransaction)
            {
                created = await CreatedAsync(ct);
                await feed.RecordAllAsync(db, created, ct);
            }
            await tx.CommitAsync(ct);
        }

        // Committed: published whatever becomes of the caller.
        foreach (var change in created ?? await CreatedAsync(CancellationToken.None))
            feed.Publish(change);
        return orders.Select(o => new CreatedOrder(o.Id, o.Number, o.ExecutingDepartmentId)).ToList();
    }

    /// <summary>
    /// Applies a command to the order as the person last saw it (<paramref name="expectedVersion"/>).
    /// Returns the new version, or why nothing was changed.
    /// </summary>
    public async Task<Result<int>> ExecuteAsync(Actor actor, int orderId, int expectedVersion, OrderCommand command, CancellationToken ct = default)
    {
        if (!directory.IsCurrent(actor)) return Result<int>.From(Result.Forbidden(StaleActorMessage));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order))
            return Result<int>.From(Result.NotFound());
        if (order.Version != expectedVersion)
            return Result<int>.From(Result.Conflict(ConflictMessage));
        if (!OrderPolicy.Can(actor, order, command.Action))
            return Result<int>.From(Result.Forbidden(OrderPolicy.Refusal(actor, order, command.Action)));
        if ((command switch { SendOrder s => s.ToDepartmentId, ForwardOrder f => f.ToDepartmentId, EditDraftOrder e => e.Draft.ExecutingDepartmentId, _ => null }) is { } target
            && !OrderPolicy.MayAddress(actor, target))
            return Result<int>.From(Result.Forbidden(OrderPolicy.OutsideIntegrationScopeMessage));
        if (await command.CheckReferencesAsync(db, order, time.Zone, ct) is { } referenceError)
            return Invalid<int>(referenceError, null);

        var now = time.UtcNow;
        var before = order.ExecutingDepartmentId;
        var controllerBefore = order.ControllerId;
        try
        {
            command.Apply(order, actor.EmployeeId, now);
        }
        catch (OrderRuleException e)
        {
            return Invalid<int>(e.Message, e.Field);
        }
        if (order.DeadlineStampsReset)
        {
            // EF writes only what differs from the copy read; the watcher may have stamped the order since.
            foreach (var stamp in Order.DeadlineStamps) db.Entry(order).Property(stamp).IsModified = true;
        }

        var events = order.TakeNewEvents();
        var notifications = await NotifyAsync(db, order, events, ct, controllerBefore);
        try
        {
            await feed.SaveAndPublishAsync(db, async token => [ChangeOf(order, OrderChangeKind.Transition, actor.EmployeeId, now,
                before != order.ExecutingDepartmentId ? before : null, events,
                card: await OrderQueries.CardAsync(db, order.Id, now, token), notifications: Items(notifications))], ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write: the version token caught it (and nothing was saved).
            return Result<int>.From(Result.Conflict(ConflictMessage));
        }
        return order.Version;
    }

    /// <summary>
    /// The author corrects the title, text and priority of a sent order, as she last saw it (<paramref name="expectedVersion"/>):
    /// checked as at creation, recorded with before and after, the executors notified, every open page updated.
    /// </summary>
    public Task<Result<int>> CorrectAsync(Actor actor, int orderId, int expectedVersion, string? title, string? text, Priority priority,
        CancellationToken ct = default) =>
        ExecuteAsync(actor, orderId, expectedVersion, new CorrectOrder(title, text, priority), ct);

    /// <summary>The author rewrites her draft (title, text, department, priority, due time, control, responsible) as she last saw it.</summary>
    public Task<Result<int>> EditDraftAsync(Actor actor, int orderId, int expectedVersion, OrderDraft draft, CancellationToken ct = default) =>
        ExecuteAsync(actor, orderId, expectedVersion, new EditDraftOrder(draft), ct);

    /// <summary>Adds a comment; the people it mentions (who must be able to see the order) are notified.</summary>
    public async Task<Result<long>> CommentAsync(Actor actor, int orderId, string? text, IReadOnlyCollection<int>? mentions = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order))
            return Result<long>.From(Result.NotFound());
        if (!directory.IsCurrent(actor)) return Result<long>.From(Result.Forbidden(StaleActorMessage));
        if (!OrderPolicy.Can(actor, order, OrderAction.Comment))
            return Result<long>.From(Result.Forbidden(OrderPolicy.Refusal(actor, order, OrderAction.Comment)));

        var now = time.UtcNow;
        OrderComment comment;
        try
        {
            comment = OrderComment.Create(orderId, actor.EmployeeId, text, now);
        }
        catch (OrderRuleException e)
        {
            return Invalid<long>(e.Message, e.Field);
        }
        var mentioned = new List<Notification>();
        if (mentions is { Count: > 0 })
        {
            var allowed = (await OrderQueries.MentionableAsync(db, order, ct)).Select(p => p.Id).ToHashSet();
            if (!mentions.All(allowed.Contains))
                return Invalid<long>("Упомянуть можно только того, кто видит это поручение.", "text");
            mentioned = mentions.Distinct().Where(id => id != actor.EmployeeId)
                .Select(id => OrderNotifications.Mention(order, id, actor.FullName, now)).ToList();
        }
        db.OrderComments.Add(comment);
        await notifications.AddAsync(db, mentioned, ct);
        await feed.SaveAndPublishAsync(db, _ => Task.FromResult<IReadOnlyList<OrderChanged>>([ChangeOf(order, OrderChangeKind.Commented,
            actor.EmployeeId, now, null, [],
            comment: new CommentItem(comment.Id, actor.EmployeeId, actor.FullName, comment.Text, comment.CreatedAt),
            notifications: Items(mentioned))]), ct);
        return comment.Id;
    }

    /// <summary>The notifications this operation's <paramref name="events"/> call for, added to the unit of work.</summary>
    private async Task<List<Notification>> NotifyAsync(LiveOrdersDbContext db, Order order, IReadOnlyList<OrderEvent> events, CancellationToken ct,
        int? controllerBefore = null)
    {
        var all = new List<Notification>();
        foreach (var e in events)
            all.AddRange(await OrderNotifications.ForEventAsync(db, order, e, ct, controllerBefore));
        await notifications.AddAsync(db, all, ct);
        return all;
    }

    private static IReadOnlyList<NotificationItem> Items(IEnumerable<Notification> notifications) =>
        notifications.Select(n => new NotificationItem(n.Id, n.RecipientId, n.Kind, n.OrderId, n.Text, n.CreatedAt, false)).ToList();

    private static OrderChanged ChangeOf(Order order, OrderChangeKind kind, int actorId, DateTime at, int? previousDepartment,
        IReadOnlyList<OrderEvent> events, OrderListItem? card = null, CommentItem? comment = null, IReadOnlyList<NotificationItem>? notifications = null) =>
        new(kind, order.Id, order.Version, OrderAudience.Of(order), previousDepartment, actorId, at,
            // A ping-pong is a fact about the forward that made it: the change is announced as that forward (the hub's clients follow forwards by name).
            events.LastOrDefault(e => e.Kind != OrderEventKind.PingPong)?.Kind ?? events.LastOrDefault()?.Kind, card, comment, notifications ?? []);

    private static Result<T> Invalid<T>(string message, string? field) => Result<T>.From(Result.Invalid(message, field));
}
