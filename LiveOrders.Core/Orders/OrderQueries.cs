using LiveOrders.Core.Data;
using LiveOrders.Core.Organization;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

/// <summary>The order reads: every one filtered by <see cref="OrderPolicy.VisibleTo"/> before anything else.</summary>
public sealed class OrderQueries(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public async Task<OrderPage> ListAsync(Actor actor, OrderFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var query = Filtered(db, actor, filter, now);
        var total = await query.CountAsync(ct);
        var items = await Project(db, Sorted(db, query, filter.Sort ?? OrderSort.Default)
                .Skip(Math.Max(0, filter.Skip)).Take(Math.Clamp(filter.Take, 1, 500)), now)
            .ToListAsync(ct);
        return new OrderPage(items, total);
    }

    /// <summary>Every row of a list as it is filtered and sorted (no paging), for an export: the same rules as <see cref="ListAsync"/>.</summary>
    public async Task<IReadOnlyList<OrderListItem>> AllAsync(Actor actor, OrderFilter filter, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        return await Project(db, Sorted(db, Filtered(db, actor, filter, now), filter.Sort ?? OrderSort.Default).Take(limit), now)
            .ToListAsync(ct);
    }

    /// <summary>What this person may see (<see cref="OrderPolicy.VisibleTo"/>, first), narrowed by the list's scope and filter.</summary>
    private static IQueryable<Order> Filtered(LiveOrdersDbContext db, Actor actor, OrderFilter filter, DateTime now)
    {
        var me = actor.EmployeeId;
        var query = db.Orders.AsNoTracking().Where(OrderPolicy.VisibleTo(actor));

        var departmentList = DepartmentListOf(actor);
        query = filter.Scope switch
        {
            OrderScope.Mine => query.Where(o => o.AuthorId == me || o.ResponsibleId == me || o.CoExecutors.Any(c => c.EmployeeId == me)),
            OrderScope.Department when departmentList == DepartmentList.Supervised =>
                query.Where(o => actor.SupervisedDepartmentIds.Contains(o.ExecutingDepartmentId) || o.IssuingDepartmentId == actor.DepartmentId),
            OrderScope.Department when departmentList == DepartmentList.Own =>
                query.Where(o => o.ExecutingDepartmentId == actor.DepartmentId || o.IssuingDepartmentId == actor.DepartmentId),
            _ => query,
        };
        if (filter.DepartmentId is { } department)
            query = query.Where(o => o.ExecutingDepartmentId == department || o.IssuingDepartmentId == department);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = $"%{filter.Search.Trim().ToLowerInvariant()}%";
            query = query.Where(o => EF.Functions.Like(o.SearchKey, pattern));
        }
        if (filter.Status is { } status) query = query.Where(o => o.Status == status);
        if (filter.Priority is { } priority) query = query.Where(o => o.Priority == priority);
        if (filter.TypeId is { } type) query = query.Where(o => o.TypeId == type);
        if (filter.OpenOnly) query = query.Where(o => o.Status != OrderStatus.Done && o.Status != OrderStatus.Cancelled);
        if (filter.OverdueOnly)
            query = query.Where(o => OrderStatusText.AwaitingExecution.Contains(o.Status) && o.DueAt <= now);

        return query;
    }

    /// <summary>
    /// Sorts in SQL. Statuses and priorities are stored as names, so they sort by their place in the
    /// lifecycle and in urgency, not alphabetically; the id breaks ties so pages never overlap.
    /// </summary>
    private static IOrderedQueryable<Order> Sorted(LiveOrdersDbContext db, IQueryable<Order> query, OrderSort sort)
    {
        IOrderedQueryable<Order> By<TKey>(System.Linq.Expressions.Expression<Func<Order, TKey>> key) =>
            sort.Descending ? query.OrderByDescending(key) : query.OrderBy(key);

        var sorted = sort.Key switch
        {
            OrderSortKey.Number => By(o => o.Number),
            OrderSortKey.Title => By(o => o.Title),
            OrderSortKey.Status => By(o => o.Status == OrderStatus.Draft ? 0 : o.Status == OrderStatus.New ? 1
                : o.Status == OrderStatus.InProgress ? 2 : o.Status == OrderStatus.OnReview ? 3
                : o.Status == OrderStatus.Done ? 4 : o.Status == OrderStatus.Declined ? 5 : 6),
            OrderSortKey.Priority => By(o => o.Priority == Priority.Low ? 0 : o.Priority == Priority.Normal ? 1
                : o.Priority == Priority.High ? 2 : 3),
            OrderSortKey.DueAt => By(o => o.DueAt),
            OrderSortKey.ExecutingDepartment => By(o => db.Departments.Where(d => d.Id == o.ExecutingDepartmentId).Select(d => d.ShortName).First()),
            OrderSortKey.Responsible => By(o => db.Employees.Where(e => e.Id == o.ResponsibleId).Select(e => e.FullName).FirstOrDefault()),
            _ => query.OrderBy(o => o.Status == OrderStatus.Done || o.Status == OrderStatus.Cancelled).ThenBy(o => o.DueAt),
        };
        return sort.Descending ? sorted.ThenByDescending(o => o.Id) : sorted.ThenBy(o => o.Id);
    }

    /// <summary>
    /// Whether an order belongs to a list of this scope: the same rule as <see cref="ListAsync"/>'s scope
    /// filter, for a change on the live feed (visibility is checked apart, by <see cref="OrderPolicy.CanView(Actor, OrderAudience)"/>).
    /// </summary>
    public static bool InScope(Actor actor, OrderScope scope, OrderAudience order) => scope switch
    {
        OrderScope.Mine => order.AuthorId == actor.EmployeeId || order.ResponsibleId == actor.EmployeeId
            || order.CoExecutorIds.Contains(actor.EmployeeId),
        OrderScope.Department => DepartmentListOf(actor) switch
        {
            DepartmentList.Supervised => actor.SupervisedDepartmentIds.Contains(order.ExecutingDepartmentId)
                || order.IssuingDepartmentId == actor.DepartmentId,
            DepartmentList.Own => order.ExecutingDepartmentId == actor.DepartmentId || order.IssuingDepartmentId == actor.DepartmentId,
            _ => true,
        },
        _ => true,
    };

    /// <summary>What the «department» list holds for this person, so that its heading can say so.</summary>
    public static DepartmentList DepartmentListOf(Actor actor) =>
        actor.Role == Role.DeputyHead && actor.SupervisedDepartmentIds.Count > 0 ? DepartmentList.Supervised
        : actor.SeesEverything ? DepartmentList.Everything
        : DepartmentList.Own;

    public async Task<Result<OrderDetails>> GetAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        if (order is null || !OrderPolicy.CanView(actor, order))
            return Result<OrderDetails>.From(Result.NotFound());

        var now = time.UtcNow;
        var history = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == orderId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var comments = await db.OrderComments.AsNoTracking().Where(c => c.OrderId == orderId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(ct);

        var peopleIds = new HashSet<int> { order.AuthorId };
        if (order.ResponsibleId is { } r) peopleIds.Add(r);
        if (order.ExtensionRequestedById is { } x) peopleIds.Add(x);
        if (order.ControllerId is { } controller) peopleIds.Add(controller);
        peopleIds.UnionWith(order.CoExecutors.Select(c => c.EmployeeId));
        peopleIds.UnionWith(history.SelectMany(e => new[] { e.ActorId, e.EmployeeId }).OfType<int>());
        peopleIds.UnionWith(comments.Select(c => c.AuthorId));
        var people = await db.Employees.AsNoTracking().Where(e => peopleIds.Contains(e.Id))
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName))
            .ToDictionaryAsync(p => p.Id, ct);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        var shortNames = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.ShortName, ct);
        var typed = order.TypeId is { } typeId
            ? await db.OrderTypes.AsNoTracking().Where(t => t.Id == typeId)
                .Select(t => new { Ref = new OrderTypeRef(t.Id, t.Name), t.CountsWorkingTime }).FirstOrDefaultAsync(ct)
            : null;
        var type = typed?.Ref;
        var delayIds = history.Select(e => e.DelayReasonId).OfType<int>().Distinct().ToList();
        var delayReasons = await db.DelayReasons.AsNoTracking().Where(r => delayIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);

        var visible = OrderPolicy.VisibleTo(actor);
        var parent = order.ParentId is { } parentId
            ? await Project(db, db.Orders.AsNoTracking().Where(visible).Where(o => o.Id == parentId), now).FirstOrDefaultAsync(ct)
            : null;
        var children = await Project(db, db.Orders.AsNoTracking().Where(visible).Where(o => o.ParentId == orderId).OrderBy(o => o.Id), now).ToListAsync(ct);

        string? Name(int? id) => id is { } i && people.TryGetValue(i, out var p) ? p.FullName : null;
        string? Dept(int? id) => id is { } i && departments.TryGetValue(i, out var d) ? d : null;

        return new OrderDetails(
            order.Id, order.Number, order.Title, order.Text, order.Status, order.Priority, order.DueAt,
            order.IsOverdue(now), order.OnControl, order.CreatedAt, order.CompletedAt, order.QualityMark,
            order.ForwardCount, order.Version,
            people[order.AuthorId],
            order.IssuingDepartmentId, Dept(order.IssuingDepartmentId)!,
            order.ExecutingDepartmentId, Dept(order.ExecutingDepartmentId)!,
            order.ResponsibleId is { } rid ? people[rid] : null,
            order.CoExecutors.Select(c => people[c.EmployeeId]).ToList(),
            order.RequestedDueAt, order.ExtensionReason, Name(order.ExtensionRequestedById),
            parent, children,
            history.Select(e => new HistoryItem(e.Id, e.Kind, e.At, Name(e.ActorId), e.Reason, Dept(e.FromDepartmentId),
                Dept(e.ToDepartmentId), Name(e.EmployeeId), e.DueAt, e.Mark,
                e.DelayReasonId is { } why && delayReasons.TryGetValue(why, out var delay) ? delay : null)).ToList(),
            comments.Select(c => new CommentItem(c.Id, c.AuthorId, Name(c.AuthorId) ?? "", c.Text, c.CreatedAt)).ToList(),
            OrderPolicy.AllowedActions(actor, order),
            CustodyView.Of(CustodyChain.Of(history), now, id => shortNames.GetValueOrDefault(id, "?"),
                shortNames.GetValueOrDefault(order.IssuingDepartmentId, "?")), type,
            order.ControllerId is { } cid ? people[cid] : null,
            order.TakenOffControlAt,
            order.ContainsPersonalData,
            typed?.CountsWorkingTime == true);
    }

    /// <summary>How long a done order stays in the board's last column.</summary>
    public static readonly TimeSpan BoardKeepsDoneFor = TimeSpan.FromDays(7);

    /// <summary>The cards of a department's board: what it executes now, and what it finished lately.</summary>
    public async Task<IReadOnlyList<OrderListItem>?> BoardAsync(Actor actor, int departmentId, CancellationToken ct = default)
    {
        if (!AccessPolicy.CanOpenBoard(actor, departmentId)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var doneSince = now - BoardKeepsDoneFor;
        var orders = db.Orders.AsNoTracking().Where(OrderPolicy.VisibleTo(actor))
            .Where(o => o.ExecutingDepartmentId == departmentId)
            .Where(o => OrderStatusText.WithExecutor.Contains(o.Status) || (o.Status == OrderStatus.Done && o.CompletedAt >= doneSince));
        return await Project(db, orders.OrderBy(o => o.DueAt), now).ToListAsync(ct);
    }

    /// <summary>Whether a card belongs on a department's board (the same rule as <see cref="BoardAsync"/>, for a live change).</summary>
    public bool BelongsOnBoard(OrderListItem card, int departmentId) =>
        card.ExecutingDepartmentId == departmentId
        && (OrderStatusText.WithExecutor.Contains(card.Status)
            || (card.Status == OrderStatus.Done && card.CompletedAt >= time.UtcNow - BoardKeepsDoneFor));

    /// <summary>The people who may see an order and so may be mentioned in its comments.</summary>
    public async Task<IReadOnlyList<PersonRef>> MentionableAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var order = await db.Orders.AsNoTracking().Include(o => o.Parent).FirstOrDefaultAsync(o => o.Id == orderId, ct);
        return order is null || !OrderPolicy.CanView(actor, order) ? [] : await MentionableAsync(db, order, ct);
    }

    internal static async Task<IReadOnlyList<PersonRef>> MentionableAsync(LiveOrdersDbContext db, Order order, CancellationToken ct)
    {
        var departments = new[] { order.IssuingDepartmentId, order.ExecutingDepartmentId };
        var people = new[] { order.AuthorId, order.ResponsibleId ?? 0, order.ControllerId ?? 0 }.Concat(order.CoExecutors.Select(c => c.EmployeeId)).ToList();
        var curators = await db.Departments.Where(d => departments.Contains(d.Id) && d.CuratorId != null).Select(d => d.CuratorId!.Value).ToListAsync(ct);
        var candidates = await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && (departments.Contains(e.DepartmentId) || people.Contains(e.Id) || curators.Contains(e.Id)))
            .Select(e => new { e.Id, e.FullName, e.Position, e.DepartmentId, e.Role, Department = e.Department!.ShortName })
            .ToListAsync(ct);
        var audience = OrderAudience.Of(order);
        return candidates
            .Where(e => OrderPolicy.CanView(new Actor(e.Id, e.FullName, e.DepartmentId, e.Role,
                e.Role == Role.DeputyHead && curators.Contains(e.Id) ? departments.ToList() : []), audience))
            .OrderBy(e => e.FullName)
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department))
            .ToList();
    }

    /// <summary>
    /// The people a controller can be chosen from (<see cref="OrderCommand.ControllerRefusalAsync"/>): active employees but
    /// administrators, the control department's first, then by name.
    /// </summary>
    public async Task<IReadOnlyList<PersonRef>> ControllerCandidatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking()
            .Where(e => e.IsActive && e.Role != Role.Administrator)
            .OrderBy(e => e.Department!.IsControl ? 0 : 1).ThenBy(e => e.FullName)
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName))
            .ToListAsync(ct);
    }

    /// <summary>Active employees of a department: the people an executor can be chosen from.</summary>
    public async Task<IReadOnlyList<PersonRef>> EmployeesOfAsync(int departmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Employees.AsNoTracking().Where(e => e.DepartmentId == departmentId && e.IsActive)
            .OrderBy(e => e.FullName)
            .Select(e => new PersonRef(e.Id, e.FullName, e.Position, e.Department!.ShortName))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<DepartmentRef>> DepartmentsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Name)
            .Select(d => new DepartmentRef(d.Id, d.Name, d.ShortName, d.ParentId))
            .ToListAsync(ct);
    }

    /// <summary>The card of one order as everyone sees it (nothing in it depends on the reader).</summary>
    internal static Task<OrderListItem> CardAsync(LiveOrdersDbContext db, int orderId, DateTime now, CancellationToken ct) =>
        Project(db, db.Orders.AsNoTracking().Where(o => o.Id == orderId), now).SingleAsync(ct);

    /// <summary>The cards of several orders in one query, by id.</summary>
    internal static async Task<Dictionary<int, OrderListItem>> CardsAsync(LiveOrdersDbContext db, IReadOnlyCollection<int> orderIds, DateTime now, CancellationToken ct) =>
        await Project(db, db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id)), now).ToDictionaryAsync(c => c.Id, ct);

    public async Task<OrderListItem?> CardAsync(Actor actor, int orderId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Project(db, db.Orders.AsNoTracking().Where(OrderPolicy.VisibleTo(actor)).Where(o => o.Id == orderId), time.UtcNow)
            .SingleOrDefaultAsync(ct);
    }

    private static IQueryable<OrderListItem> Project(LiveOrdersDbContext db, IQueryable<Order> orders, DateTime now) =>
        orders.Select(o => new OrderListItem(
            o.Id, o.Number, o.Title, o.Status, o.Priority, o.DueAt,
            OrderStatusText.AwaitingExecution.Contains(o.Status) && o.DueAt <= now,
            o.OnControl,
            db.Departments.Where(d => d.Id == o.IssuingDepartmentId).Select(d => d.ShortName).First(),
            db.Departments.Where(d => d.Id == o.ExecutingDepartmentId).Select(d => d.ShortName).First(),
            o.ExecutingDepartmentId,
            o.ResponsibleId,
            db.Employees.Where(e => e.Id == o.ResponsibleId).Select(e => e.FullName).FirstOrDefault(),
            o.ForwardCount,
            db.OrderComments.Count(c => c.OrderId == o.Id),
            o.Version,
            o.CompletedAt,
            o.PingPongCount,
            // Read only for the rare order that has had one (a CASE in SQL), from its latest ping-pong event.
            o.PingPongCount == 0 ? null : db.OrderEvents.Where(e => e.OrderId == o.Id && e.Kind == OrderEventKind.PingPong)
                .OrderByDescending(e => e.Id)
                .Select(e => db.Departments.Where(d => d.Id == e.ToDepartmentId).Select(d => d.ShortName).FirstOrDefault())
                .FirstOrDefault(),
            o.PingPongCount == 0 ? null : db.OrderEvents.Where(e => e.OrderId == o.Id && e.Kind == OrderEventKind.PingPong)
                .OrderByDescending(e => e.Id)
                .Select(e => db.Departments.Where(d => d.Id == e.FromDepartmentId).Select(d => d.ShortName).FirstOrDefault())
                .FirstOrDefault(),
            o.TakenOffControlAt != null,
            o.ContainsPersonalData,
            o.Type != null && o.Type.CountsWorkingTime));
}

public sealed record DepartmentRef(int Id, string Name, string ShortName, int? ParentId);

/// <summary>Which orders a person's «department» list holds.</summary>
public enum DepartmentList
{
    /// <summary>Executed or issued by their own department.</summary>
    Own,
    /// <summary>Executed by the departments they supervise, or issued by their own (a deputy head).</summary>
    Supervised,
    /// <summary>Every order of the administration (a controller, an administrator).</summary>
    Everything,
}
