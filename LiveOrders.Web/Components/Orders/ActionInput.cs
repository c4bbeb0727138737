using LiveOrders.Core.Delays;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Time;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// What a person typed into an action's dialog, and the command it makes. The rules about the values
/// (a reason is required, a new due date must be later) stay in Core; this only refuses what cannot
/// become a command at all, such as no department picked.
/// </summary>
public sealed class ActionInput(OrderAction action)
{
    public OrderAction Action { get; } = action;
    public string? Text { get; set; }
    public int? ResponsibleId { get; set; }
    public IReadOnlyCollection<int> CoExecutorIds { get; set; } = [];
    public int? DepartmentId { get; set; }
    /// <summary>The controller chosen (null: none).</summary>
    public int? ControllerId { get; set; }
    /// <summary>0 is "no mark".</summary>
    public int Mark { get; set; }
    /// <summary>The new due date and time as read on the municipality's clock.</summary>
    public DateTime? DueDate { get; set; }
    public TimeSpan? DueTime { get; set; }
    /// <summary>Whether the order is late, so the dialog asks for a reason from the list (<see cref="OrderDelay"/>).</summary>
    public bool NeedsDelayReason { get; init; }
    public int? DelayReasonId { get; set; }
    /// <summary>The personal-data mark as it should be.</summary>
    public bool PersonalData { get; set; }

    /// <summary>The command, or why there is none yet (in Russian).</summary>
    public (OrderCommand? Command, string? Error) ToCommand(MunicipalTime time, bool approveExtension = true) => Action switch
    {
        OrderAction.Accept => (new AcceptOrder(), null),
        OrderAction.Send => (new SendOrder(), null),
        OrderAction.Assign when ResponsibleId is null => (null, "Выберите ответственного исполнителя."),
        OrderAction.Assign => (new AssignOrder(ResponsibleId.Value, CoExecutorIds.Where(id => id != ResponsibleId).ToList()), null),
        OrderAction.Forward when DepartmentId is null => (null, "Выберите подразделение."),
        OrderAction.Forward => (new ForwardOrder(DepartmentId.Value, Text), null),
        OrderAction.Decline => (new DeclineOrder(Text), null),
        OrderAction.Return => (new ReturnOrder(Text), null),
        OrderAction.Cancel => (new CancelOrder(Text), null),
        OrderAction.Submit => (new SubmitOrder(Text, NeedsDelayReason ? DelayReasonId : null), null),
        OrderAction.Approve => (new ApproveOrder(Mark is >= 1 and <= 5 ? Mark : null, Text), null),
        OrderAction.RequestExtension when DueDate is null || DueTime is null => (null, "Укажите новый срок: дату и время."),
        OrderAction.RequestExtension => (new RequestExtension(time.ToUtc(DueDate.Value.Date + DueTime.Value), Text, NeedsDelayReason ? DelayReasonId : null), null),
        OrderAction.DecideExtension => (new DecideExtension(approveExtension, Text), null),
        OrderAction.ChangeDue when DueDate is null || DueTime is null => (null, "Укажите новый срок: дату и время."),
        OrderAction.ChangeDue => (new ChangeDue(time.ToUtc(DueDate.Value.Date + DueTime.Value), Text), null),
        OrderAction.TakeOffControl => (new TakeOffControlOrder(Text), null),
        OrderAction.PutOnControl => (new PutOnControlOrder(Text), null),
        OrderAction.Expedite => (new ExpediteOrder(Text), null),
        OrderAction.ChangeController => (new ChangeControllerOrder(ControllerId, Text), null),
        OrderAction.MarkPersonalData => (new MarkPersonalData(PersonalData), null),
        _ => (null, $"Действие «{Action.Russian()}» здесь не выполняется."),
    };

    /// <summary>A starting point for the form from the order as it is now.</summary>
    public static ActionInput For(OrderAction action, OrderDetails order, MunicipalTime time)
    {
        var input = new ActionInput(action)
        {
            NeedsDelayReason = OrderDelay.Required(action, order.Status, order.DueAt, time.UtcNow),
            // The switch starts at the change the person came for.
            PersonalData = !order.ContainsPersonalData,
        };
        if (action == OrderAction.Assign)
        {
            input.ResponsibleId = order.Responsible?.Id;
            input.CoExecutorIds = order.CoExecutors.Select(c => c.Id).ToList();
        }
        if (action == OrderAction.ChangeController) input.ControllerId = order.Controller?.Id;
        if (action is OrderAction.RequestExtension or OrderAction.ChangeDue)
        {
            // A week later at the same time of day: a sensible offer, changed in two clicks.
            var proposed = time.ToLocal(order.DueAt).AddDays(7);
            (input.DueDate, input.DueTime) = (proposed.Date, proposed.TimeOfDay);
        }
        return input;
    }
}
