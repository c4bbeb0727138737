namespace LiveOrders.Core.Orders;

/// <summary>An employee who executes the order beside the responsible one.</summary>
public sealed class OrderCoExecutor
{
    public int OrderId { get; private set; }
    public int EmployeeId { get; private set; }
    private OrderCoExecutor() { }
    internal OrderCoExecutor(int employeeId) => EmployeeId = employeeId;
}
