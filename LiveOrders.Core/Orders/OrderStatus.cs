namespace LiveOrders.Core.Orders;

public enum OrderStatus
{
    Draft,
    New,
    InProgress,
    OnReview,
    Done,
    Declined,
    Cancelled,
}

public static class OrderStatusText
{
    public static string Russian(this OrderStatus status) => status switch
    {
        OrderStatus.Draft => "Черновик",
        OrderStatus.New => "Новое",
        OrderStatus.InProgress => "В работе",
        OrderStatus.OnReview => "На проверке",
        OrderStatus.Done => "Исполнено",
        OrderStatus.Declined => "Отклонено",
        OrderStatus.Cancelled => "Отменено",
        _ => status.ToString(),
    };

    public static string Russian(this Priority priority) => priority switch
    {
        Priority.Low => "Низкий",
        Priority.Normal => "Обычный",
        Priority.High => "Высокий",
        Priority.Urgent => "Срочный",
        _ => priority.ToString(),
    };

    /// <summary>States in which the order still waits for someone; cancel is possible from all of them.</summary>
    public static bool IsOpen(this OrderStatus status) =>
        status is OrderStatus.Draft or OrderStatus.New or OrderStatus.InProgress or OrderStatus.OnReview or OrderStatus.Declined;

    /// <summary>States in which the executing department owes the result, so the due time runs.</summary>
    public static readonly IReadOnlyList<OrderStatus> AwaitingExecution = [OrderStatus.New, OrderStatus.InProgress];

    public static bool IsAwaitingExecution(this OrderStatus status) => AwaitingExecution.Contains(status);

    /// <summary>States in which the order is with the executing department: its board's columns, the control panel's open orders.</summary>
    public static readonly IReadOnlyList<OrderStatus> WithExecutor = [OrderStatus.New, OrderStatus.InProgress, OrderStatus.OnReview];
}
