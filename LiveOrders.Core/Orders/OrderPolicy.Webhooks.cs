namespace LiveOrders.Core.Orders;

public static partial class OrderPolicy
{
    /// <summary>
    /// Whether a webhook subscription scoped to a department (null: the whole municipality) may be told about an order:
    /// as that department's own people see it — a sent order that the department issued or executes, or a sent
    /// sub-order of such an order. Drafts are nobody's business outside their author's department.
    /// </summary>
    public static bool DepartmentScopeMaySee(int? departmentId, OrderAudience order)
    {
        if (order.Status == OrderStatus.Draft) return false;
        if (departmentId is not { } d) return true;
        return order.IssuingDepartmentId == d || order.ExecutingDepartmentId == d
            || (order.Parent is { } parent && (parent.IssuingDepartmentId == d || parent.ExecutingDepartmentId == d));
    }
}
