using LiveOrders.Core.Orders;

namespace LiveOrders.Web.Components.Board;

/// <summary>
/// What dragging a card from one column to another asks for. Whether it is allowed is not decided
/// here: the service checks the lifecycle and the policy and says why not.
/// </summary>
public static class BoardMoves
{
    public static readonly (OrderStatus Status, string Title)[] Columns =
    [
        (OrderStatus.New, "Новые"),
        (OrderStatus.InProgress, "В работе"),
        (OrderStatus.OnReview, "На проверке"),
        (OrderStatus.Done, "Исполнено"),
    ];

    public static OrderCommand? CommandFor(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.New, OrderStatus.InProgress) => new AcceptOrder(),
        (OrderStatus.InProgress, OrderStatus.OnReview) => new SubmitOrder(),
        (OrderStatus.OnReview, OrderStatus.Done) => new ApproveOrder(),
        _ => null,
    };

    public static string WhyNot(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.OnReview, OrderStatus.InProgress) => "Чтобы вернуть на доработку, откройте поручение и укажите причину.",
        (_, OrderStatus.New) => "Вернуть поручение в «Новые» нельзя. Чтобы передать его другому подразделению, откройте его и переадресуйте.",
        (OrderStatus.New, _) => "Сначала примите поручение в работу.",
        (OrderStatus.InProgress, OrderStatus.Done) => "Сначала отправьте результат на проверку: исполненным поручение делает автор.",
        (OrderStatus.Done, _) => "Исполненное поручение не возвращается в работу.",
        _ => "Такой переход невозможен.",
    };
}
