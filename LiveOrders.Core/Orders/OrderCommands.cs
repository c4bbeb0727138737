using LiveOrders.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Orders;

/// <summary>
/// A change a person asks for. Each command names its <see cref="OrderAction"/> (for the policy),
/// checks what it refers to in the database, and applies itself through the entity's method.
/// </summary>
public abstract record OrderCommand(OrderAction Action)
{
    internal virtual Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        Task.FromResult<string?>(null);

    internal abstract void Apply(Order order, int by, DateTime now);

    /// <summary>A sub-order's new due date against its parent's (<see cref="SubOrderRules.DueAtRefusal"/>).</summary>
    protected static async Task<string?> ParentDueAtRefusalAsync(LiveOrdersDbContext db, Order order, DateTime dueAt, TimeZoneInfo zone, CancellationToken ct)
    {
        if (order.ParentId is not { } parentId) return null;
        var parentDue = await db.Orders.Where(o => o.Id == parentId).Select(o => (DateTime?)o.DueAt).FirstOrDefaultAsync(ct);
        return parentDue is { } due ? SubOrderRules.DueAtRefusal(dueAt, due, zone) : null;
    }

    /// <summary>
    /// Why a person cannot be an order's controller, or null: an active employee, the control role included (its auditors
    /// are the usual controllers, <see cref="OrderPolicy"/>), but not an administrator, who runs the system, not orders.
    /// </summary>
    internal static async Task<string?> ControllerRefusalAsync(LiveOrdersDbContext db, int? controllerId, CancellationToken ct)
    {
        if (controllerId is not { } id) return null;
        var ok = await db.Employees.AnyAsync(e => e.Id == id && e.IsActive && e.Role != Organization.Role.Administrator, ct);
        return ok ? null : ControllerNotFound;
    }

    public const string ControllerNotFound = "Контролёр не найден: выберите действующего сотрудника.";
    /// <summary>A delay reason named by the person must be one the list still offers.</summary>
    protected static async Task<string?> ActiveDelayReasonAsync(LiveOrdersDbContext db, int? id, CancellationToken ct) =>
        id is not { } reason || await db.DelayReasons.AnyAsync(r => r.Id == reason && r.IsActive, ct) ? null : Delays.OrderDelay.ReasonUnknown;

    protected static async Task<string?> ActiveDepartmentAsync(LiveOrdersDbContext db, int id, CancellationToken ct) =>
        await db.Departments.Where(ExecutingDepartment.Qualifies).AnyAsync(d => d.Id == id, ct) ? null : ExecutingDepartment.NotFound;
}

public sealed record SendOrder(int? ToDepartmentId = null) : OrderCommand(OrderAction.Send)
{
    internal override Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        ToDepartmentId is { } id ? ActiveDepartmentAsync(db, id, ct) : base.CheckReferencesAsync(db, order, zone, ct);
    internal override void Apply(Order order, int by, DateTime now) => order.Send(by, now, ToDepartmentId);
}

public sealed record AcceptOrder() : OrderCommand(OrderAction.Accept)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Accept(by, now);
}

public sealed record AssignOrder(int ResponsibleId, IReadOnlyList<int>? CoExecutorIds = null) : OrderCommand(OrderAction.Assign)
{
    internal override async Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct)
    {
        var responsibleOk = await db.Employees.AnyAsync(e => e.Id == ResponsibleId && e.IsActive && e.DepartmentId == order.ExecutingDepartmentId, ct);
        if (!responsibleOk) return "Ответственный исполнитель должен быть сотрудником исполняющего подразделения.";
        var co = (CoExecutorIds ?? []).Distinct().ToList();
        var found = await db.Employees.CountAsync(e => co.Contains(e.Id) && e.IsActive, ct);
        return found == co.Count ? null : "Соисполнитель не найден.";
    }
    internal override void Apply(Order order, int by, DateTime now) => order.Assign(by, now, ResponsibleId, CoExecutorIds);
}

public sealed record ForwardOrder(int ToDepartmentId, string? Reason) : OrderCommand(OrderAction.Forward)
{
    internal override async Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct)
    {
        // Whether this forward is a ping-pong depends on where the order has been: the entity reads it from its history.
        await db.Entry(order).Collection(o => o.History).LoadAsync(ct);
        return await ActiveDepartmentAsync(db, ToDepartmentId, ct);
    }
    internal override void Apply(Order order, int by, DateTime now) => order.Forward(by, now, ToDepartmentId, Reason);
}

public sealed record DeclineOrder(string? Reason) : OrderCommand(OrderAction.Decline)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Decline(by, now, Reason);
}

/// <summary>The report; on an overdue order it needs <paramref name="DelayReasonId"/> and words (<see cref="Delays.OrderDelay"/>).</summary>
public sealed record SubmitOrder(string? Report = null, int? DelayReasonId = null) : OrderCommand(OrderAction.Submit)
{
    internal override Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        ActiveDelayReasonAsync(db, DelayReasonId, ct);
    internal override void Apply(Order order, int by, DateTime now) => order.Submit(by, now, Report, DelayReasonId);
}

/// <summary>
/// Accepts the result. <paramref name="OpenSubOrdersReason"/> is the approver's confirmation that the order is done
/// although some of its sub-orders are still open (<see cref="SubOrderRules.ApprovalRefusal"/>).
/// </summary>
public sealed record ApproveOrder(int? Mark = null, string? OpenSubOrdersReason = null) : OrderCommand(OrderAction.Approve)
{
    internal override async Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct)
    {
        var open = await db.Orders.CountAsync(o => o.ParentId == order.Id && o.Status != OrderStatus.Done && o.Status != OrderStatus.Cancelled, ct);
        return SubOrderRules.ApprovalRefusal(open, OpenSubOrdersReason);
    }
    internal override void Apply(Order order, int by, DateTime now) => order.Approve(by, now, Mark, OpenSubOrdersReason);
}

public sealed record ReturnOrder(string? Reason) : OrderCommand(OrderAction.Return)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Return(by, now, Reason);
}

/// <summary>Asks for a new due time; on an overdue order it needs <paramref name="DelayReasonId"/> (<see cref="Delays.OrderDelay"/>).</summary>
public sealed record RequestExtension(DateTime NewDueAt, string? Reason, int? DelayReasonId = null) : OrderCommand(OrderAction.RequestExtension)
{
    internal override async Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        await ActiveDelayReasonAsync(db, DelayReasonId, ct) ?? await ParentDueAtRefusalAsync(db, order, NewDueAt, zone, ct);
    internal override void Apply(Order order, int by, DateTime now) => order.RequestExtension(by, now, NewDueAt, Reason, DelayReasonId);
}

public sealed record DecideExtension(bool Approve, string? Comment = null) : OrderCommand(OrderAction.DecideExtension)
{
    // The parent's due date may have moved since the request: checked again when the extension is granted.
    internal override Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        Approve && order.RequestedDueAt is { } requested ? ParentDueAtRefusalAsync(db, order, requested, zone, ct) : Task.FromResult<string?>(null);
    internal override void Apply(Order order, int by, DateTime now) => order.DecideExtension(by, now, Approve, Comment);
}

public sealed record CancelOrder(string? Reason) : OrderCommand(OrderAction.Cancel)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Cancel(by, now, Reason);
}

public sealed record CorrectOrder(string? Title, string? Text, Priority Priority) : OrderCommand(OrderAction.Correct)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Correct(by, now, Title, Text, Priority);
}

/// <summary>The author's draft, rewritten whole: one executing department (a draft is one order).</summary>
public sealed record EditDraftOrder(OrderDraft Draft) : OrderCommand(OrderAction.EditDraft)
{
    internal override async Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct)
    {
        if (await ActiveDepartmentAsync(db, Draft.ExecutingDepartmentId, ct) is { } missing) return missing;
        if (await ParentDueAtRefusalAsync(db, order, Draft.DueAt, zone, ct) is { } late) return late;
        if (await ControllerRefusalAsync(db, Draft.ControllerId, ct) is { } noController) return noController;
        if (Draft.ResponsibleId is { } responsible
            && !await db.Employees.AnyAsync(e => e.Id == responsible && e.IsActive && e.DepartmentId == Draft.ExecutingDepartmentId, ct))
            return "Ответственный исполнитель должен быть сотрудником исполняющего подразделения.";
        // The draft's own type stays acceptable even if switched off since; another must be active.
        if (Draft.TypeId is { } type && type != order.TypeId && !await db.OrderTypes.AnyAsync(t => t.Id == type && t.IsActive, ct))
            return OrderTypes.UnknownType;
        return null;
    }
    internal override void Apply(Order order, int by, DateTime now) => order.EditDraft(by, now, Draft);
}

public sealed record ChangeDue(DateTime NewDueAt, string? Reason) : OrderCommand(OrderAction.ChangeDue)
{
    // A sub-order's due time stays within its parent's, however it changes.
    internal override Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        ParentDueAtRefusalAsync(db, order, NewDueAt, zone, ct);
    internal override void Apply(Order order, int by, DateTime now) => order.ChangeDue(by, now, NewDueAt, Reason);
}

/// <summary>Names another controller (or none) for a sent order; the optional note goes to the history.</summary>
public sealed record ChangeControllerOrder(int? ControllerId, string? Note = null) : OrderCommand(OrderAction.ChangeController)
{
    internal override Task<string?> CheckReferencesAsync(LiveOrdersDbContext db, Order order, TimeZoneInfo zone, CancellationToken ct) =>
        ControllerRefusalAsync(db, ControllerId, ct);
    internal override void Apply(Order order, int by, DateTime now) => order.ChangeController(by, now, ControllerId, Note);
}

public sealed record TakeOffControlOrder(string? Reason) : OrderCommand(OrderAction.TakeOffControl)
{
    internal override void Apply(Order order, int by, DateTime now) => order.TakeOffControl(by, now, Reason);
}

public sealed record PutOnControlOrder(string? Reason) : OrderCommand(OrderAction.PutOnControl)
{
    internal override void Apply(Order order, int by, DateTime now) => order.PutOnControl(by, now, Reason);
}

/// <summary>The curator's demand to speed the order up (its priority rises, the executing department's head is told).</summary>
public sealed record ExpediteOrder(string? Reason) : OrderCommand(OrderAction.Expedite)
{
    internal override void Apply(Order order, int by, DateTime now) => order.Expedite(by, now, Reason);
}

/// <summary>The author marks the order as holding personal data, or takes the mark off.</summary>
public sealed record MarkPersonalData(bool Contains) : OrderCommand(OrderAction.MarkPersonalData)
{
    internal override void Apply(Order order, int by, DateTime now) => order.MarkPersonalData(by, now, Contains);
}
