using System.Linq.Expressions;
using LiveOrders.Core.Organization;

namespace LiveOrders.Core.Orders;

/// <summary>
/// The integration scope clause: another system (an API key, a token) acts as an employee but reaches only the orders
/// that concern its departments, and changes them only with write access. It is applied on top of the employee's own
/// rule, so the result is the intersection of the two and never more than the employee sees.
/// </summary>
public static partial class OrderPolicy
{
    public const string IntegrationReadOnlyMessage = "Ключ доступа выдан только для чтения.";
    public const string OutsideIntegrationScopeMessage = "Подразделение вне области действия ключа доступа.";

    /// <summary>
    /// The orders an actor may see, as a query filter: the employee's rule (<see cref="VisibleToEmployee"/>), and for
    /// another system only those of them that concern its departments.
    /// </summary>
    public static Expression<Func<Order, bool>> VisibleTo(Actor actor)
    {
        var employee = VisibleToEmployee(actor);
        if (actor.Integration is not { } scope) return employee;
        var departments = scope.DepartmentIds.ToList();
        Expression<Func<Order, bool>> inScope = o =>
            departments.Contains(o.IssuingDepartmentId) || departments.Contains(o.ExecutingDepartmentId);
        // One parameter for both halves, so EF translates the whole as one WHERE.
        var body = Expression.AndAlso(employee.Body, new Rebind(inScope.Parameters[0], employee.Parameters[0]).Visit(inScope.Body));
        return Expression.Lambda<Func<Order, bool>>(body, employee.Parameters);
    }

    /// <summary>
    /// The same rule as <see cref="VisibleTo"/>, for an order in memory or a change on the live feed.
    /// (A test holds the two forms equal over every role, state and integration scope.)
    /// </summary>
    public static bool CanView(Actor actor, OrderAudience order) =>
        CanViewAsEmployee(actor, order) && WithinIntegrationScope(actor, order);

    private static bool WithinIntegrationScope(Actor actor, OrderAudience order) =>
        actor.Integration is not { } scope
        || scope.DepartmentIds.Contains(order.IssuingDepartmentId)
        || scope.DepartmentIds.Contains(order.ExecutingDepartmentId);

    /// <summary>Whether the actor may write at all as far as its integration scope goes (people always may).</summary>
    private static bool IntegrationMayWrite(Actor actor) => actor.Integration is null or { CanWrite: true };

    /// <summary>
    /// Whether an order may be sent or forwarded to <paramref name="departmentId"/>: for another system, only to a
    /// department of its scope, and only from one (its employee's department), so it creates orders between its own
    /// departments alone.
    /// </summary>
    public static bool MayAddress(Actor actor, int departmentId) =>
        actor.Integration is not { } scope
        || (scope.DepartmentIds.Contains(departmentId) && scope.DepartmentIds.Contains(actor.DepartmentId));

    /// <summary>Whether a person record (a department's people, a department) is within what the actor may list.</summary>
    public static bool MayList(Actor actor, int departmentId) =>
        actor.Integration is not { } scope || scope.DepartmentIds.Contains(departmentId);

    private sealed class Rebind(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
