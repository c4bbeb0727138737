using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

public sealed class OrderLifecycleTests
{
    // The lifecycle of DESIGN.md as a table: which actions each state allows. Everything else is refused.
    private static readonly Dictionary<OrderStatus, OrderAction[]> Allowed = new()
    {
        // A draft's controller and control flag change with the draft itself (EditDraft).
        [OrderStatus.Draft] = [OrderAction.Send, OrderAction.Cancel, OrderAction.EditDraft],
        [OrderStatus.New] = [OrderAction.Accept, OrderAction.Assign, OrderAction.Forward, OrderAction.Decline, OrderAction.RequestExtension, OrderAction.DecideExtension, OrderAction.Cancel, OrderAction.Comment, OrderAction.Correct, OrderAction.ChangeDue,
            OrderAction.ChangeController, OrderAction.TakeOffControl, OrderAction.PutOnControl, OrderAction.Expedite, OrderAction.MarkPersonalData],
        [OrderStatus.InProgress] = [OrderAction.Assign, OrderAction.Forward, OrderAction.Submit, OrderAction.RequestExtension, OrderAction.DecideExtension, OrderAction.Cancel, OrderAction.Comment, OrderAction.CreateSubOrder, OrderAction.Correct, OrderAction.ChangeDue,
            OrderAction.ChangeController, OrderAction.TakeOffControl, OrderAction.PutOnControl, OrderAction.Expedite, OrderAction.MarkPersonalData],
        [OrderStatus.OnReview] = [OrderAction.Approve, OrderAction.Return, OrderAction.DecideExtension, OrderAction.Cancel, OrderAction.Comment, OrderAction.Correct,
            OrderAction.ChangeController, OrderAction.TakeOffControl, OrderAction.PutOnControl, OrderAction.MarkPersonalData],
        // «Снято с контроля в связи с исполнением»: a done order may still be taken off control; a closed order may still be marked as holding personal data.
        [OrderStatus.Done] = [OrderAction.Comment, OrderAction.TakeOffControl, OrderAction.MarkPersonalData],
        [OrderStatus.Declined] = [OrderAction.Send, OrderAction.Cancel, OrderAction.Comment, OrderAction.Correct,
            OrderAction.ChangeController, OrderAction.TakeOffControl, OrderAction.PutOnControl, OrderAction.MarkPersonalData],
        [OrderStatus.Cancelled] = [OrderAction.Comment, OrderAction.MarkPersonalData],
    };

    public static TheoryData<OrderStatus, OrderAction, bool> EveryStateAndAction()
    {
        var data = new TheoryData<OrderStatus, OrderAction, bool>();
        foreach (var status in Enum.GetValues<OrderStatus>())
            foreach (var action in Enum.GetValues<OrderAction>())
                data.Add(status, action, Allowed[status].Contains(action));
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Lifecycle_AllowsExactlyTheDesignedTransitions(OrderStatus status, OrderAction action, bool expected) =>
        Assert.Equal(expected, OrderLifecycle.Allows(status, action));

    [Theory]
    [MemberData(nameof(EveryStateAndAction))]
    public void Entity_RefusesEveryTransitionTheLifecycleRefuses(OrderStatus status, OrderAction action, bool allowed)
    {
        var order = OrderFactory.InStatus(status);
        // The factory's order is on control; to put it back on, it is first taken off (where that is possible).
        if (action == OrderAction.PutOnControl && OrderLifecycle.Allows(status, OrderAction.TakeOffControl))
            order.TakeOffControl(1, OrderFactory.Now.AddMinutes(30), "Снято для проверки");
        var versionBefore = order.Version;
        var historyBefore = order.History.Count;
        var apply = Transition(action);
        if (apply is null) return; // comments and sub-orders are not entity transitions

        var error = Record.Exception(() => apply(order));

        if (allowed && !(action == OrderAction.DecideExtension && !order.HasPendingExtension))
        {
            Assert.Null(error);
            Assert.Equal(historyBefore + 1, order.History.Count);
            Assert.Equal(versionBefore + 1, order.Version);
        }
        else
        {
            Assert.IsType<OrderRuleException>(error);
            Assert.Equal(status, order.Status);
            Assert.Equal(historyBefore, order.History.Count);
            Assert.Equal(versionBefore, order.Version);
        }
    }

    private static Action<Order>? Transition(OrderAction action)
    {
        var at = OrderFactory.Now.AddHours(1);
        return action switch
        {
            OrderAction.Send => o => o.Send(1, at),
            OrderAction.Accept => o => o.Accept(3, at),
            OrderAction.Assign => o => o.Assign(3, at, 4),
            OrderAction.Forward => o => o.Forward(3, at, OrderFactory.Finance, "Не наше"),
            OrderAction.Decline => o => o.Decline(3, at, "Не наше"),
            OrderAction.Submit => o => o.Submit(4, at, null),
            OrderAction.Approve => o => o.Approve(1, at, 4),
            OrderAction.Return => o => o.Return(1, at, "Доработать"),
            OrderAction.RequestExtension => o => o.RequestExtension(4, at, o.DueAt.AddDays(3), "Нужно время"),
            OrderAction.DecideExtension => o => o.DecideExtension(1, at, true, null),
            OrderAction.Cancel => o => o.Cancel(1, at, "Снято"),
            OrderAction.Correct => o => o.Correct(1, at, o.Title + " (исправлено)", o.Text, o.Priority),
            OrderAction.ChangeDue => o => o.ChangeDue(1, at, o.DueAt.AddDays(2), "Перенос планёрки"),
            OrderAction.ChangeController => o => o.ChangeController(1, at, 12),
            OrderAction.TakeOffControl => o => o.TakeOffControl(1, at, "Исполнено"),
            OrderAction.PutOnControl => o => o.PutOnControl(1, at, "Снова важно"),
            OrderAction.Expedite => o => o.Expedite(6, at, "Срываются сроки"),
            OrderAction.MarkPersonalData => o => o.MarkPersonalData(1, at, true),
            OrderAction.EditDraft => o => o.EditDraft(1, at, new OrderDraft(o.Title + " (правка)", o.Text, o.ExecutingDepartmentId, o.Priority, o.DueAt)),
            _ => null,
        };
    }

    [Fact]
    public void Forward_ArrivesAsNewInTheOtherDepartment_AndKeepsTheChain()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        order.Forward(3, OrderFactory.Now.AddHours(1), OrderFactory.Finance, "Вопрос финансовый");

        Assert.Equal(OrderStatus.New, order.Status);
        Assert.Equal(OrderFactory.Finance, order.ExecutingDepartmentId);
        Assert.Null(order.ResponsibleId);
        Assert.Equal(1, order.ForwardCount);
        var forwarded = order.History.Last();
        Assert.Equal(OrderEventKind.Forwarded, forwarded.Kind);
        Assert.Equal((OrderFactory.Housing, OrderFactory.Finance), (forwarded.FromDepartmentId!.Value, forwarded.ToDepartmentId!.Value));
        Assert.Equal("Вопрос финансовый", forwarded.Reason);
    }

    [Fact]
    public void Forward_ToTheSameDepartment_IsRefused()
    {
        var order = OrderFactory.InStatus(OrderStatus.New);
        var error = Assert.Throws<OrderRuleException>(() => order.Forward(3, OrderFactory.Now, OrderFactory.Housing, "—"));
        Assert.Equal("department", error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ReasonedTransitions_WithoutAReason_AreRefused(string? reason)
    {
        Assert.Throws<OrderRuleException>(() => OrderFactory.InStatus(OrderStatus.New).Decline(3, OrderFactory.Now, reason));
        Assert.Throws<OrderRuleException>(() => OrderFactory.InStatus(OrderStatus.New).Forward(3, OrderFactory.Now, OrderFactory.Finance, reason));
        Assert.Throws<OrderRuleException>(() => OrderFactory.InStatus(OrderStatus.OnReview).Return(1, OrderFactory.Now, reason));
        Assert.Throws<OrderRuleException>(() => OrderFactory.InStatus(OrderStatus.New).Cancel(1, OrderFactory.Now, reason));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Approve_WithAMarkOutsideOneToFive_IsRefused(int mark) =>
        Assert.Throws<OrderRuleException>(() => OrderFactory.InStatus(OrderStatus.OnReview).Approve(1, OrderFactory.Now, mark));

    [Theory]
    [InlineData("", "title")]
    [InlineData("   ", "title")]
    public void Create_WithoutATitle_IsRefusedAtTheTitleField(string title, string field)
    {
        var error = Assert.Throws<OrderRuleException>(() =>
            Order.Create(new OrderDraft(title, null, 20, Priority.Normal, OrderFactory.Now.AddDays(1)), 1, 10, OrderFactory.Now));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Create_WithA2000CharacterTitle_IsRefused()
    {
        var error = Assert.Throws<OrderRuleException>(() =>
            Order.Create(new OrderDraft(new string('я', 2000), null, 20, Priority.Normal, OrderFactory.Now.AddDays(1)), 1, 10, OrderFactory.Now));
        Assert.Equal("title", error.Field);
        Assert.Contains("300", error.Message);
    }

    [Fact]
    public void Create_WithADueDateInThePast_IsRefused()
    {
        var error = Assert.Throws<OrderRuleException>(() =>
            Order.Create(new OrderDraft("Заголовок", null, 20, Priority.Normal, OrderFactory.Now.AddMinutes(-1)), 1, 10, OrderFactory.Now));
        Assert.Equal("dueAt", error.Field);
    }

    [Fact]
    public void Overdue_IsAFactOfTime_NotAStatus_AndIsRecordedOnce()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.False(order.IsOverdue(order.DueAt.AddTicks(-1)));
        Assert.False(order.RecordOverdue(order.DueAt.AddTicks(-1)));
        Assert.True(order.IsOverdue(order.DueAt));
        Assert.True(order.RecordOverdue(order.DueAt));
        Assert.False(order.RecordOverdue(order.DueAt.AddHours(1)));
        Assert.Equal(OrderStatus.InProgress, order.Status);
        Assert.Single(order.History, e => e.Kind == OrderEventKind.Overdue);
    }

    [Fact]
    public void Overdue_DoesNotApplyOnceTheResultIsSubmitted()
    {
        var order = OrderFactory.InStatus(OrderStatus.OnReview);
        Assert.False(order.IsOverdue(order.DueAt.AddDays(1)));
    }

    [Fact]
    public void ApprovedExtension_MovesTheDueTime_AndClearsTheOverdueFact()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var newDue = order.DueAt.AddDays(7);
        order.RequestExtension(4, OrderFactory.Now.AddHours(1), newDue, "Ждём ответ Росреестра");
        Assert.Throws<OrderRuleException>(() => order.RequestExtension(4, OrderFactory.Now.AddHours(2), newDue.AddDays(1), "Ещё"));
        order.RecordOverdue(order.DueAt);
        order.DecideExtension(1, order.DueAt.AddHours(1), approve: true, null);

        Assert.Equal(newDue, order.DueAt);
        Assert.False(order.HasPendingExtension);
        Assert.Null(order.OverdueRecordedAt);
        Assert.Equal(OrderEventKind.ExtensionApproved, order.History.Last().Kind);
    }

    [Fact]
    public void ExtensionRequest_ForAnEarlierDueTime_IsRefused() =>
        Assert.Throws<OrderRuleException>(() =>
        {
            var order = OrderFactory.InStatus(OrderStatus.InProgress);
            order.RequestExtension(4, OrderFactory.Now, order.DueAt.AddDays(-1), "Раньше");
        });

    [Fact]
    public void TakeOffControl_RecordsTheReason_AndPutOnControl_UndoesIt()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var at = OrderFactory.Now.AddHours(1);

        order.TakeOffControl(1, at, "  Вопрос снят на совещании  ");
        Assert.False(order.OnControl);
        Assert.Equal(at, order.TakenOffControlAt);
        var off = order.History.Last();
        Assert.Equal((OrderEventKind.TakenOffControl, 1, "Вопрос снят на совещании"), (off.Kind, off.ActorId!.Value, off.Reason));
        Assert.Equal(Order.NotOnControlMessage, Assert.Throws<OrderRuleException>(() => order.TakeOffControl(1, at, "Ещё раз")).Message);

        order.PutOnControl(6, at.AddHours(1), "Снова срывают сроки");
        Assert.True(order.OnControl);
        Assert.Null(order.TakenOffControlAt);
        Assert.Equal(OrderEventKind.PutOnControl, order.History.Last().Kind);
        Assert.Equal(Order.AlreadyOnControlMessage, Assert.Throws<OrderRuleException>(() => order.PutOnControl(1, at, "Ещё раз")).Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ControlChanges_AndExpediting_WithoutAReason_AreRefused(string? reason)
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var version = order.Version;
        Assert.Equal("reason", Assert.Throws<OrderRuleException>(() => order.TakeOffControl(1, OrderFactory.Now, reason)).Field);
        Assert.Equal("reason", Assert.Throws<OrderRuleException>(() => order.Expedite(6, OrderFactory.Now, reason)).Field);
        Assert.True(order.OnControl);
        Assert.Equal(version, order.Version);
    }

    [Theory]
    [InlineData(Priority.Low, Priority.Normal)]
    [InlineData(Priority.Normal, Priority.High)]
    [InlineData(Priority.High, Priority.Urgent)]
    [InlineData(Priority.Urgent, Priority.Urgent)]
    public void Expedite_RaisesThePriorityOneStep_AndKeepsWhatItWas(Priority before, Priority after)
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        if (before != order.Priority) order.Correct(1, OrderFactory.Now, order.Title, order.Text, before);

        order.Expedite(6, OrderFactory.Now.AddHours(1), "Жалобы жителей");

        Assert.Equal(after, order.Priority);
        var e = order.History.Last();
        Assert.Equal(OrderEventKind.Expedited, e.Kind);
        Assert.EndsWith("Жалобы жителей", e.Reason);
        if (before != after) Assert.Contains($"{before.Russian()} → {after.Russian()}", e.Reason);
    }

    [Fact]
    public void ChangeController_RecordsWhoItBecame_AndRefusesNoChange()
    {
        var order = OrderFactory.InStatus(OrderStatus.New);
        order.ChangeController(1, OrderFactory.Now, 12);
        Assert.Equal(12, order.ControllerId);
        Assert.Equal((OrderEventKind.ControllerChanged, 12), (order.History.Last().Kind, order.History.Last().EmployeeId!.Value));
        Assert.Throws<OrderRuleException>(() => order.ChangeController(1, OrderFactory.Now, 12));
        order.ChangeController(1, OrderFactory.Now, null);
        Assert.Null(order.ControllerId);
    }

    [Fact]
    public void Escalation_OnlyReachesAnOrderOnControl()
    {
        var off = OrderFactory.InStatus(OrderStatus.InProgress);
        off.TakeOffControl(1, OrderFactory.Now, "Исполнено частично, контроль не нужен");
        var on = OrderFactory.InStatus(OrderStatus.InProgress);

        Assert.False(off.RecordEscalation(off.DueAt.AddDays(2), off.DueAt.AddDays(1)));
        Assert.True(on.RecordEscalation(on.DueAt.AddDays(2), on.DueAt.AddDays(1)));
    }
}
