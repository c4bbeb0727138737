using System.Linq.Expressions;
using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Orders;

/// <summary>
/// Who may see and do what with an order: the one place that decides it. The services enforce
/// it on every read and write; the UI asks it only to decide what to offer.
/// </summary>
public static partial class OrderPolicy
{
    /// <summary>
    /// The orders an actor may see, as a query filter. Whoever sees a parent order (by the rule below) sees its sent
    /// sub-orders too, one level down: the parent's author follows what her order was split into. A draft is its author's (and their head's)
    /// alone; a sent order is seen by both departments it joins, by the people on it and by the
    /// deputy heads who supervise either department (a deputy head's own department, the administration,
    /// shows her nothing by itself). Controllers, administrators and the control department see every sent order
    /// (and the control department's head her own department's drafts, as any head).
    /// </summary>
    private static Expression<Func<Order, bool>> VisibleToEmployee(Actor actor)
    {
        var direct = VisibleDirectly(actor);
        var o = direct.Parameters[0];
        var parent = Expression.Property(o, nameof(Order.Parent));
        // The sub-order clause: a sent sub-order is seen by whoever sees its parent directly (o.Parent is a join in SQL).
        var viaParent = Expression.AndAlso(
            Expression.AndAlso(
                Expression.NotEqual(Expression.Property(o, nameof(Order.Status)), Expression.Constant(OrderStatus.Draft)),
                Expression.NotEqual(parent, Expression.Constant(null, typeof(Order)))),
            new Rebind(o, parent).Visit(direct.Body));
        return Expression.Lambda<Func<Order, bool>>(Expression.OrElse(direct.Body, viaParent), o);
    }

    /// <summary>The employee's rule for the order itself, without the sub-order clause.</summary>
    private static Expression<Func<Order, bool>> VisibleDirectly(Actor actor)
    {
        var me = actor.EmployeeId;
        var department = actor.DepartmentId;
        var isHead = actor.Role == Role.DepartmentHead;
        if (actor.SeesEverything)
            return o => o.Status != OrderStatus.Draft || o.AuthorId == me || (isHead && o.IssuingDepartmentId == department);

        var supervised = actor.SupervisedDepartmentIds.ToList();
        var byDepartment = actor.SeesOwnDepartment;
        return o => o.AuthorId == me
            || (o.Status == OrderStatus.Draft && isHead && o.IssuingDepartmentId == department)
            || (o.Status != OrderStatus.Draft && (
                (byDepartment && (o.ExecutingDepartmentId == department || o.IssuingDepartmentId == department))
                || o.ResponsibleId == me
                || o.ControllerId == me
                || o.CoExecutors.Any(c => c.EmployeeId == me)
                || supervised.Contains(o.ExecutingDepartmentId)
                || supervised.Contains(o.IssuingDepartmentId)));
    }

    /// <summary>
    /// The same rule as <see cref="VisibleTo"/>, for an order in memory or a change on the live feed.
    /// (A test holds the two forms equal over every role and state.)
    /// </summary>
    private static bool CanViewAsEmployee(Actor actor, OrderAudience order) =>
        CanViewDirectly(actor, order)
        || (order.Status != OrderStatus.Draft && order.Parent is { } parent && CanViewDirectly(actor, parent));

    private static bool CanViewDirectly(Actor actor, OrderAudience order)
    {
        var me = actor.EmployeeId;
        if (order.AuthorId == me) return true;
        if (order.Status == OrderStatus.Draft)
            return actor.Role == Role.DepartmentHead && order.IssuingDepartmentId == actor.DepartmentId;
        return actor.SeesEverything
            || (actor.SeesOwnDepartment && (order.ExecutingDepartmentId == actor.DepartmentId || order.IssuingDepartmentId == actor.DepartmentId))
            || order.ResponsibleId == me
            || order.ControllerId == me
            || order.CoExecutorIds.Contains(me)
            || actor.Supervises(order.ExecutingDepartmentId)
            || actor.Supervises(order.IssuingDepartmentId);
    }

    public static bool CanView(Actor actor, Order order) => CanView(actor, OrderAudience.Of(order));

    /// <summary>
    /// Who reads the log of openings of orders holding personal data (152-ФЗ): control (the control department,
    /// controllers) and administrators, as people; never another system, whoever it acts as.
    /// </summary>
    public static bool CanSeeReadLog(Actor actor) => actor.SeesEverything && actor.Integration is null;

    public const string ReadLogRefusal = "Журнал просмотров доступен только контролю и администратору.";

    public static bool CanCreate(Actor actor) => !actor.IsReadOnly && IntegrationMayWrite(actor);

    public static bool Can(Actor actor, Order order, OrderAction action) =>
        MayWrite(actor, order, action)
        && IntegrationMayWrite(actor)
        && ActsOn(actor, order)
        && OrderLifecycle.Allows(order.Status, action)
        && RoleAllows(actor, order, action)
        && CanView(actor, order);

    public static IReadOnlyList<OrderAction> AllowedActions(Actor actor, Order order)
    {
        if (!IntegrationMayWrite(actor) || !ActsOn(actor, order) || !CanView(actor, order)) return [];
        return Enum.GetValues<OrderAction>()
            .Where(a => MayWrite(actor, order, a) && OrderLifecycle.Allows(order.Status, a) && RoleAllows(actor, order, a))
            .ToList();
    }

    /// <summary>
    /// Read-only roles change nothing, with one exception: an auditor (the control role) named as an order's controller
    /// takes it off control and puts it back — controlling orders is what the control department's specialists do.
    /// </summary>
    private static bool MayWrite(Actor actor, Order order, OrderAction action) =>
        !actor.IsReadOnly
        || (actor.Role == Role.Controller && order.ControllerId == actor.EmployeeId
            && action is OrderAction.TakeOffControl or OrderAction.PutOnControl);

    /// <summary>Why <see cref="Can"/> said no, in words a person understands.</summary>
    public static string Refusal(Actor actor, Order order, OrderAction action)
    {
        if (!MayWrite(actor, order, action)) return "У вас доступ только для просмотра.";
        if (!IntegrationMayWrite(actor)) return IntegrationReadOnlyMessage;
        if (!ActsOn(actor, order)) return "Контрольный отдел видит это поручение только для просмотра.";
        if (!OrderLifecycle.Allows(order.Status, action)) return OrderLifecycle.RefusalFor(order.Status, action);
        if (action == OrderAction.DecideExtension && !order.HasPendingExtension) return "Запроса на продление срока нет.";
        if (action == OrderAction.RequestExtension && order.HasPendingExtension) return "Запрос на продление срока уже ждёт решения.";
        if (action == OrderAction.TakeOffControl && !order.OnControl) return Order.NotOnControlMessage;
        if (action == OrderAction.PutOnControl && order.OnControl) return Order.AlreadyOnControlMessage;
        return $"Действие «{action.Russian()}» вам недоступно для этого поручения.";
    }

    /// <summary>The control department's clause: it oversees every order but acts only on its own department's business.</summary>
    private static bool ActsOn(Actor actor, Order order) =>
        actor.ActsOn(order.IssuingDepartmentId, order.ExecutingDepartmentId,
            takesPart: order.AuthorId == actor.EmployeeId || order.ResponsibleId == actor.EmployeeId || order.ControllerId == actor.EmployeeId
                || order.CoExecutors.Any(c => c.EmployeeId == actor.EmployeeId));

    private static bool RoleAllows(Actor actor, Order order, OrderAction action)
    {
        var me = actor.EmployeeId;
        var issuer = order.AuthorId == me || actor.IsHeadOf(order.IssuingDepartmentId);
        var executingHead = actor.IsHeadOf(order.ExecutingDepartmentId);
        var responsible = order.ResponsibleId == me;
        var coExecutor = order.CoExecutors.Any(c => c.EmployeeId == me);
        var curator = actor.Supervises(order.IssuingDepartmentId) || actor.Supervises(order.ExecutingDepartmentId);
        var author = order.AuthorId == me;
        // Control is the author's, the controller's and the curator's business (DESIGN.md, deputy head).
        var controls = author || order.ControllerId == me || curator;

        return action switch
        {
            OrderAction.Send or OrderAction.Cancel => issuer,
            OrderAction.Accept => executingHead || responsible,
            OrderAction.Assign => executingHead || order.AuthorId == me,
            OrderAction.Forward or OrderAction.Decline or OrderAction.CreateSubOrder => executingHead,
            OrderAction.Submit => executingHead || responsible || coExecutor,
            OrderAction.Approve => issuer,
            // The curator may send a report back for rework, as the issuer may.
            OrderAction.Return => issuer || curator,
            OrderAction.RequestExtension => (executingHead || responsible) && !order.HasPendingExtension,
            OrderAction.DecideExtension => (issuer || curator) && order.HasPendingExtension,
            OrderAction.Comment => true,
            // The wording and the personal-data mark are the author's own: not her head's, not the curator's.
            OrderAction.Correct or OrderAction.EditDraft or OrderAction.MarkPersonalData => author,
            // The due time is the author's, and the curator's, who extends it on her own authority (with a reason).
            OrderAction.ChangeDue => author || curator,
            OrderAction.ChangeController => author || curator,
            OrderAction.TakeOffControl => controls && order.OnControl,
            OrderAction.PutOnControl => controls && !order.OnControl,
            OrderAction.Expedite => curator,
            _ => false,
        };
    }
}
