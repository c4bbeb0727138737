namespace LiveOrders.Core.Orders;

/// <summary>Everything a person can do to an order. The lifecycle says from which states, the policy says who.</summary>
public enum OrderAction
{
    Send,
    Accept,
    Assign,
    Forward,
    Decline,
    Submit,
    Approve,
    Return,
    RequestExtension,
    DecideExtension,
    Cancel,
    Comment,
    CreateSubOrder,
    Correct,
    EditDraft,
    ChangeDue,
    ChangeController,
    TakeOffControl,
    PutOnControl,
    Expedite,
    MarkPersonalData,
}

/// <summary>The order's state machine (DESIGN.md, "Lifecycle"), in one table.</summary>
public static class OrderLifecycle
{
    public static bool Allows(OrderStatus status, OrderAction action) => action switch
    {
        OrderAction.Send => status is OrderStatus.Draft or OrderStatus.Declined,
        OrderAction.Accept => status is OrderStatus.New,
        OrderAction.Assign => status is OrderStatus.New or OrderStatus.InProgress,
        OrderAction.Forward => status is OrderStatus.New or OrderStatus.InProgress,
        OrderAction.Decline => status is OrderStatus.New,
        OrderAction.Submit => status is OrderStatus.InProgress,
        OrderAction.Approve => status is OrderStatus.OnReview,
        OrderAction.Return => status is OrderStatus.OnReview,
        OrderAction.RequestExtension => status is OrderStatus.New or OrderStatus.InProgress,
        OrderAction.DecideExtension => status is OrderStatus.New or OrderStatus.InProgress or OrderStatus.OnReview,
        OrderAction.Cancel => status.IsOpen(),
        OrderAction.Comment => status is not OrderStatus.Draft,
        OrderAction.CreateSubOrder => status is OrderStatus.InProgress,
        // A draft is edited whole; once sent, an open order's wording may still be corrected.
        OrderAction.Correct => status.IsOpen() && status is not OrderStatus.Draft,
        OrderAction.EditDraft => status is OrderStatus.Draft,
        // While the result is still owed: the due time then still runs.
        OrderAction.ChangeDue => status.IsAwaitingExecution(),
        // A draft's controller and control flag are edited with the draft; afterwards while it is open.
        OrderAction.ChangeController or OrderAction.PutOnControl => status.IsOpen() && status is not OrderStatus.Draft,
        // Also once done: «снято с контроля в связи с исполнением» is how a controller closes the file.
        OrderAction.TakeOffControl => status is not (OrderStatus.Draft or OrderStatus.Cancelled),
        // The curator hurries what is still owed.
        OrderAction.Expedite => status.IsAwaitingExecution(),
        // A closed order may still hold someone's personal data; a draft sets the mark in its edit.
        OrderAction.MarkPersonalData => status is not OrderStatus.Draft,
        _ => false,
    };

    public static string RefusalFor(OrderStatus status, OrderAction action) =>
        $"Действие «{action.Russian()}» невозможно: поручение в статусе «{status.Russian()}».";

    public static string Russian(this OrderAction action) => action switch
    {
        OrderAction.Send => "Отправить",
        OrderAction.Accept => "Принять в работу",
        OrderAction.Assign => "Назначить исполнителя",
        OrderAction.Forward => "Переадресовать",
        OrderAction.Decline => "Отклонить",
        OrderAction.Submit => "Отправить на проверку",
        OrderAction.Approve => "Принять результат",
        OrderAction.Return => "Вернуть на доработку",
        OrderAction.RequestExtension => "Запросить продление срока",
        OrderAction.DecideExtension => "Решить по продлению срока",
        OrderAction.Cancel => "Отменить",
        OrderAction.Comment => "Комментировать",
        OrderAction.CreateSubOrder => "Создать подпоручение",
        OrderAction.Correct => "Исправить",
        OrderAction.EditDraft => "Редактировать черновик",
        OrderAction.ChangeDue => "Изменить срок",
        OrderAction.ChangeController => "Сменить контролёра",
        OrderAction.TakeOffControl => "Снять с контроля",
        OrderAction.PutOnControl => "Поставить на контроль",
        OrderAction.Expedite => "Ускорить исполнение",
        OrderAction.MarkPersonalData => "Персональные данные",
        _ => action.ToString(),
    };
}
