using LiveOrders.Core.Deadlines;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;

namespace LiveOrders.Web.Infrastructure;

/// <summary>How times and deadlines read on screen: the municipality's time zone, Russian words.</summary>
public static class Display
{
    public static string DateTime(this MunicipalTime time, System.DateTime utc) => time.ToLocal(utc).ToString("dd.MM.yyyy HH:mm");

    public static string Date(this MunicipalTime time, System.DateTime utc) => time.ToLocal(utc).ToString("dd.MM.yyyy");

    /// <summary>"через 2 д 5 ч", "просрочено на 3 ч".</summary>
    public static string Countdown(this MunicipalTime time, System.DateTime dueUtc)
    {
        var left = dueUtc - time.UtcNow;
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays} д {span.Hours} ч"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours} ч {span.Minutes} мин"
            : $"{Math.Max(1, (int)span.TotalMinutes)} мин";
        return left > TimeSpan.Zero ? $"через {text}" : $"просрочено на {text}";
    }

    /// <summary>The CSS class of an urgency (decided by <see cref="DeadlineRules"/>): red when overdue, amber when due soon.</summary>
    public static string UrgencyClass(Urgency urgency) => urgency switch
    {
        Urgency.Overdue => "lo-overdue",
        Urgency.DueSoon => "lo-due-soon",
        _ => "",
    };

    public static string StatusClass(OrderStatus status) => status switch
    {
        OrderStatus.Draft => "lo-st-draft",
        OrderStatus.New => "lo-st-new",
        OrderStatus.InProgress => "lo-st-progress",
        OrderStatus.OnReview => "lo-st-review",
        OrderStatus.Done => "lo-st-done",
        OrderStatus.Declined => "lo-st-declined",
        _ => "lo-st-cancelled",
    };

    /// <summary>What the person is told once their action went through.</summary>
    public static string DoneMessage(this OrderAction action) => action switch
    {
        OrderAction.Send => "Поручение отправлено исполнителю.",
        OrderAction.Accept => "Поручение принято в работу.",
        OrderAction.Assign => "Исполнитель назначен.",
        OrderAction.Forward => "Поручение переадресовано.",
        OrderAction.Decline => "Поручение отклонено и возвращено автору.",
        OrderAction.Submit => "Результат отправлен на проверку.",
        OrderAction.Approve => "Результат принят, поручение исполнено.",
        OrderAction.Return => "Поручение возвращено на доработку.",
        OrderAction.RequestExtension => "Запрос на продление срока отправлен.",
        OrderAction.DecideExtension => "Решение по продлению срока принято.",
        OrderAction.Cancel => "Поручение отменено.",
        OrderAction.Correct => "Исправление сохранено, исполнители уведомлены.",
        OrderAction.EditDraft => "Черновик сохранён.",
        OrderAction.ChangeDue => "Срок изменён, исполнители уведомлены.",
        OrderAction.ChangeController => "Контролёр изменён.",
        OrderAction.TakeOffControl => "Поручение снято с контроля.",
        OrderAction.PutOnControl => "Поручение поставлено на контроль.",
        OrderAction.Expedite => "Требование ускорить исполнение отправлено.",
        OrderAction.MarkPersonalData => "Отметка о персональных данных сохранена.",
        _ => "Готово.",
    };
}
