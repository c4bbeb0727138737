using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

public sealed class OrderPolicyTests
{
    // state × person × action → allowed. The order is Roads→Housing by roadsHead; housingClerk is responsible once assigned.
    public static TheoryData<OrderStatus, string, OrderAction, bool> Table => new()
    {
        { OrderStatus.Draft, "roadsHead", OrderAction.Send, true },
        { OrderStatus.Draft, "roadsClerk", OrderAction.Send, false },
        { OrderStatus.Draft, "housingHead", OrderAction.Send, false },
        { OrderStatus.Draft, "roadsHead", OrderAction.Cancel, true },

        { OrderStatus.New, "housingHead", OrderAction.Accept, true },
        { OrderStatus.New, "housingClerk", OrderAction.Accept, false },
        { OrderStatus.New, "roadsHead", OrderAction.Accept, false },
        { OrderStatus.New, "deputy", OrderAction.Accept, false },
        { OrderStatus.New, "controller", OrderAction.Accept, false },
        { OrderStatus.New, "housingHead", OrderAction.Forward, true },
        { OrderStatus.New, "housingClerk", OrderAction.Forward, false },
        { OrderStatus.New, "roadsHead", OrderAction.Forward, false },
        { OrderStatus.New, "housingHead", OrderAction.Decline, true },
        { OrderStatus.New, "roadsHead", OrderAction.Decline, false },
        { OrderStatus.New, "housingHead", OrderAction.Assign, true },
        { OrderStatus.New, "roadsHead", OrderAction.Assign, true },
        { OrderStatus.New, "housingClerk", OrderAction.Assign, false },
        { OrderStatus.New, "roadsHead", OrderAction.Cancel, true },
        { OrderStatus.New, "housingHead", OrderAction.Cancel, false },
        { OrderStatus.New, "housingHead", OrderAction.Submit, false },

        { OrderStatus.InProgress, "housingClerk", OrderAction.Submit, true },
        { OrderStatus.InProgress, "housingHead", OrderAction.Submit, true },
        { OrderStatus.InProgress, "housingOther", OrderAction.Submit, false },
        { OrderStatus.InProgress, "roadsHead", OrderAction.Submit, false },
        { OrderStatus.InProgress, "housingClerk", OrderAction.RequestExtension, true },
        { OrderStatus.InProgress, "roadsHead", OrderAction.RequestExtension, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.CreateSubOrder, true },
        { OrderStatus.InProgress, "housingClerk", OrderAction.CreateSubOrder, false },
        { OrderStatus.InProgress, "roadsHead", OrderAction.Approve, false },
        { OrderStatus.InProgress, "roadsClerk", OrderAction.Comment, true },
        { OrderStatus.InProgress, "deputy", OrderAction.Comment, true },
        { OrderStatus.InProgress, "financeHead", OrderAction.Comment, false },
        { OrderStatus.InProgress, "otherDeputy", OrderAction.Comment, false },
        { OrderStatus.InProgress, "controller", OrderAction.Comment, false },
        { OrderStatus.InProgress, "admin", OrderAction.Cancel, false },

        { OrderStatus.OnReview, "roadsHead", OrderAction.Approve, true },
        { OrderStatus.OnReview, "roadsClerk", OrderAction.Approve, false },
        { OrderStatus.OnReview, "housingHead", OrderAction.Approve, false },
        { OrderStatus.OnReview, "deputy", OrderAction.Approve, false },
        { OrderStatus.OnReview, "roadsHead", OrderAction.Return, true },
        { OrderStatus.OnReview, "housingClerk", OrderAction.Return, false },

        { OrderStatus.Done, "roadsHead", OrderAction.Cancel, false },
        { OrderStatus.Done, "housingHead", OrderAction.Forward, false },
        { OrderStatus.Done, "housingClerk", OrderAction.Comment, true },

        { OrderStatus.Declined, "roadsHead", OrderAction.Send, true },
        { OrderStatus.Declined, "housingHead", OrderAction.Accept, false },

        // A correction of the wording is the author's alone, once sent and while open (a draft is edited whole).
        { OrderStatus.Draft, "roadsHead", OrderAction.Correct, false },
        { OrderStatus.New, "roadsHead", OrderAction.Correct, true },
        { OrderStatus.InProgress, "roadsHead", OrderAction.Correct, true },
        { OrderStatus.OnReview, "roadsHead", OrderAction.Correct, true },
        { OrderStatus.Declined, "roadsHead", OrderAction.Correct, true },
        { OrderStatus.Done, "roadsHead", OrderAction.Correct, false },
        { OrderStatus.Cancelled, "roadsHead", OrderAction.Correct, false },
        { OrderStatus.InProgress, "roadsClerk", OrderAction.Correct, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.Correct, false },
        { OrderStatus.InProgress, "housingClerk", OrderAction.Correct, false },
        { OrderStatus.InProgress, "deputy", OrderAction.Correct, false },
        { OrderStatus.InProgress, "controller", OrderAction.Correct, false },
        { OrderStatus.InProgress, "admin", OrderAction.Correct, false },
        { OrderStatus.InProgress, "controlHead", OrderAction.Correct, false },

        // A draft is its author's to rewrite whole; not her head's (who sees it), and not once sent.
        { OrderStatus.Draft, "roadsHead", OrderAction.EditDraft, true },
        { OrderStatus.Draft, "roadsClerk", OrderAction.EditDraft, false },
        { OrderStatus.Draft, "housingHead", OrderAction.EditDraft, false },
        { OrderStatus.Draft, "admin", OrderAction.EditDraft, false },
        { OrderStatus.New, "roadsHead", OrderAction.EditDraft, false },
        { OrderStatus.Declined, "roadsHead", OrderAction.EditDraft, false },

        // The author moves the due time herself (with a reason), while the result is owed; so does the curating deputy head.
        { OrderStatus.New, "roadsHead", OrderAction.ChangeDue, true },
        { OrderStatus.InProgress, "roadsHead", OrderAction.ChangeDue, true },
        { OrderStatus.OnReview, "roadsHead", OrderAction.ChangeDue, false },
        { OrderStatus.Draft, "roadsHead", OrderAction.ChangeDue, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.ChangeDue, false },
        { OrderStatus.InProgress, "housingClerk", OrderAction.ChangeDue, false },
        { OrderStatus.InProgress, "deputy", OrderAction.ChangeDue, true },
        { OrderStatus.InProgress, "otherDeputy", OrderAction.ChangeDue, false },
        { OrderStatus.InProgress, "roadsClerk", OrderAction.ChangeDue, false },

        // The curating deputy head acts on what she supervises (DESIGN.md): returns a report, extends, expedites, takes off control.
        { OrderStatus.OnReview, "deputy", OrderAction.Return, true },
        { OrderStatus.OnReview, "otherDeputy", OrderAction.Return, false },
        { OrderStatus.New, "deputy", OrderAction.Expedite, true },
        { OrderStatus.InProgress, "deputy", OrderAction.Expedite, true },
        { OrderStatus.OnReview, "deputy", OrderAction.Expedite, false },
        { OrderStatus.Done, "deputy", OrderAction.Expedite, false },
        { OrderStatus.InProgress, "otherDeputy", OrderAction.Expedite, false },
        { OrderStatus.InProgress, "roadsHead", OrderAction.Expedite, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.Expedite, false },
        { OrderStatus.InProgress, "controller", OrderAction.Expedite, false },

        // Control (the factory's order is on control): the author and the curator take it off; not the executors, not read-only roles.
        { OrderStatus.New, "roadsHead", OrderAction.TakeOffControl, true },
        { OrderStatus.InProgress, "deputy", OrderAction.TakeOffControl, true },
        { OrderStatus.Done, "roadsHead", OrderAction.TakeOffControl, true },
        { OrderStatus.Done, "deputy", OrderAction.TakeOffControl, true },
        { OrderStatus.Draft, "roadsHead", OrderAction.TakeOffControl, false },
        { OrderStatus.Cancelled, "roadsHead", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "roadsClerk", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "housingClerk", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "otherDeputy", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "controller", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "admin", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, "controlClerk", OrderAction.TakeOffControl, false },   // not this order's controller
        { OrderStatus.InProgress, "roadsHead", OrderAction.PutOnControl, false },       // already on control
        { OrderStatus.InProgress, "deputy", OrderAction.PutOnControl, false },

        // The controller is named by the author or the curator.
        { OrderStatus.InProgress, "roadsHead", OrderAction.ChangeController, true },
        { OrderStatus.OnReview, "deputy", OrderAction.ChangeController, true },
        { OrderStatus.Draft, "roadsHead", OrderAction.ChangeController, false },
        { OrderStatus.Done, "roadsHead", OrderAction.ChangeController, false },
        { OrderStatus.InProgress, "roadsClerk", OrderAction.ChangeController, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.ChangeController, false },
        { OrderStatus.InProgress, "otherDeputy", OrderAction.ChangeController, false },

        // The personal-data mark is the author's, on any sent order, closed ones too (a draft sets it in its edit).
        { OrderStatus.New, "roadsHead", OrderAction.MarkPersonalData, true },
        { OrderStatus.Done, "roadsHead", OrderAction.MarkPersonalData, true },
        { OrderStatus.Draft, "roadsHead", OrderAction.MarkPersonalData, false },
        { OrderStatus.InProgress, "housingHead", OrderAction.MarkPersonalData, false },
        { OrderStatus.InProgress, "housingClerk", OrderAction.MarkPersonalData, false },
        { OrderStatus.InProgress, "deputy", OrderAction.MarkPersonalData, false },
        { OrderStatus.InProgress, "controller", OrderAction.MarkPersonalData, false },
        { OrderStatus.InProgress, "controlHead", OrderAction.MarkPersonalData, false },
    };

    // The same order with the control department's specialist as its controller, taken off control or not.
    public static TheoryData<OrderStatus, bool, string, OrderAction, bool> ControllerTable => new()
    {
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.TakeOffControl, true },
        { OrderStatus.Done, true, "controlClerk", OrderAction.TakeOffControl, true },
        { OrderStatus.InProgress, false, "controlClerk", OrderAction.PutOnControl, true },
        { OrderStatus.InProgress, false, "controlClerk", OrderAction.TakeOffControl, false },
        { OrderStatus.InProgress, false, "roadsHead", OrderAction.PutOnControl, true },
        { OrderStatus.InProgress, false, "deputy", OrderAction.PutOnControl, true },
        { OrderStatus.InProgress, false, "housingHead", OrderAction.PutOnControl, false },
        { OrderStatus.Done, false, "controlClerk", OrderAction.PutOnControl, false },
        // The controller controls; she does not run, correct or re-address the order.
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.ChangeController, false },
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.Expedite, false },
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.Correct, false },
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.Submit, false },
        { OrderStatus.InProgress, true, "controlClerk", OrderAction.Comment, true },
        { OrderStatus.OnReview, true, "controlClerk", OrderAction.Approve, false },
        // The control department's head is not the controller: she still only reads another department's order.
        { OrderStatus.InProgress, true, "controlHead", OrderAction.TakeOffControl, false },
    };

    [Theory]
    [MemberData(nameof(ControllerTable))]
    public void Policy_LetsTheOrdersControllerControlIt(OrderStatus status, bool onControl, string person, OrderAction action, bool expected)
    {
        var order = OrderFactory.Controlled(status);
        if (!onControl) order.TakeOffControl(1, OrderFactory.Now.AddDays(1), "Снято");
        var actor = OrderFactory.People[person];
        Assert.Equal(expected, OrderPolicy.Can(actor, order, action));
        Assert.Equal(expected, OrderPolicy.AllowedActions(actor, order).Contains(action));
    }

    /// <summary>An auditor (read-only role) named as the controller takes the order off control and back, and does nothing else.</summary>
    [Fact]
    public void AReadOnlyAuditor_NamedController_OnlyControls()
    {
        var auditor = OrderFactory.People["controller"];
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.Empty(OrderPolicy.AllowedActions(auditor, order));
        order.ChangeController(1, OrderFactory.Now.AddDays(1), auditor.EmployeeId);

        Assert.Equal([OrderAction.TakeOffControl], OrderPolicy.AllowedActions(auditor, order));
        Assert.False(OrderPolicy.Can(auditor, order, OrderAction.Comment));
        Assert.Equal("У вас доступ только для просмотра.", OrderPolicy.Refusal(auditor, order, OrderAction.Comment));
        order.TakeOffControl(auditor.EmployeeId, OrderFactory.Now.AddDays(1), "Исполнено");
        Assert.Equal([OrderAction.PutOnControl], OrderPolicy.AllowedActions(auditor, order));
        // An administrator stays read-only whatever the order says.
        Assert.Empty(OrderPolicy.AllowedActions(OrderFactory.People["admin"], order));
    }

    [Fact]
    public void TheController_SeesTheOrder_WhereNothingElseWouldShowIt()
    {
        // financeHead has nothing to do with a Roads → Housing order, until she is its controller.
        var finance = OrderFactory.People["financeHead"];
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.False(OrderPolicy.CanView(finance, order));
        order.ChangeController(1, OrderFactory.Now.AddDays(1), finance.EmployeeId);

        Assert.True(OrderPolicy.CanView(finance, order));
        Assert.True(OrderPolicy.VisibleTo(finance).Compile()(order));
        Assert.True(OrderPolicy.CanView(finance, OrderAudience.Of(order)));
        Assert.True(OrderPolicy.Can(finance, order, OrderAction.TakeOffControl));
        // A draft stays its author's, whoever is named in it.
        var draft = Order.Create(new OrderDraft("Черновик", null, OrderFactory.Housing, Priority.Normal, OrderFactory.Now.AddDays(2),
            ControllerId: finance.EmployeeId), 1, OrderFactory.Roads, OrderFactory.Now);
        Assert.False(OrderPolicy.CanView(finance, draft));
        Assert.False(OrderPolicy.VisibleTo(finance).Compile()(draft));
    }

    [Fact]
    public void Refusal_SaysWhyControlCannotChange()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.Equal(Order.AlreadyOnControlMessage, OrderPolicy.Refusal(OrderFactory.People["roadsHead"], order, OrderAction.PutOnControl));
        order.TakeOffControl(1, OrderFactory.Now.AddDays(1), "Снято");
        Assert.Equal(Order.NotOnControlMessage, OrderPolicy.Refusal(OrderFactory.People["roadsHead"], order, OrderAction.TakeOffControl));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Correction_ThroughAnIntegration_NeedsWriteAccess(bool canWrite, bool expected)
    {
        var author = OrderFactory.People["roadsHead"] with
        {
            Integration = new LiveOrders.Core.Integrations.IntegrationScope([OrderFactory.Roads, OrderFactory.Housing], canWrite),
        };
        Assert.Equal(expected, OrderPolicy.Can(author, OrderFactory.InStatus(OrderStatus.InProgress), OrderAction.Correct));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Policy_DecidesByRoleAndState(OrderStatus status, string person, OrderAction action, bool expected)
    {
        var order = OrderFactory.InStatus(status);
        var actor = OrderFactory.People[person];
        Assert.Equal(expected, OrderPolicy.Can(actor, order, action));
        Assert.Equal(expected, OrderPolicy.AllowedActions(actor, order).Contains(action));
    }

    [Theory]
    [InlineData(OrderStatus.Draft, "roadsHead", true)]
    [InlineData(OrderStatus.Draft, "roadsClerk", false)]
    [InlineData(OrderStatus.Draft, "housingHead", false)]
    [InlineData(OrderStatus.Draft, "controller", false)]
    [InlineData(OrderStatus.New, "roadsClerk", true)]
    [InlineData(OrderStatus.New, "housingClerk", true)]
    [InlineData(OrderStatus.New, "deputy", true)]
    [InlineData(OrderStatus.New, "controller", true)]
    [InlineData(OrderStatus.New, "admin", true)]
    [InlineData(OrderStatus.New, "financeHead", false)]
    [InlineData(OrderStatus.New, "otherDeputy", false)]
    public void Visibility_FollowsDepartmentsAndRoles(OrderStatus status, string person, bool expected) =>
        Assert.Equal(expected, OrderPolicy.CanView(OrderFactory.People[person], OrderFactory.InStatus(status)));

    /// <summary>Both deputy heads belong to «Администрация»; that does not show one the other's orders.</summary>
    [Theory]
    [InlineData(OrderStatus.New, "deputy", false)]
    [InlineData(OrderStatus.InProgress, "deputy", false)]
    [InlineData(OrderStatus.Done, "deputy", false)]
    [InlineData(OrderStatus.New, "otherDeputy", true)]
    [InlineData(OrderStatus.New, "financeHead", true)]
    [InlineData(OrderStatus.New, "housingHead", false)]
    [InlineData(OrderStatus.New, "controller", true)]
    public void ADeputyHead_SeesWhatSheSupervisesOrTakesPartIn_NotAnotherDeputysOrders(OrderStatus status, string person, bool expected)
    {
        var order = OrderFactory.FromOtherDeputy(status);
        var actor = OrderFactory.People[person];
        Assert.Equal(expected, OrderPolicy.CanView(actor, order));
        Assert.Equal(expected, OrderPolicy.VisibleTo(actor).Compile()(order));
        if (!expected) Assert.False(OrderPolicy.Can(actor, order, OrderAction.Comment));
    }

    [Fact]
    public void Extension_IsDecidedByTheAuthorOrTheCurator_OnlyWhileRequested()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.False(OrderPolicy.Can(OrderFactory.People["roadsHead"], order, OrderAction.DecideExtension));
        order.RequestExtension(4, OrderFactory.Now, order.DueAt.AddDays(2), "Нужно время");

        Assert.True(OrderPolicy.Can(OrderFactory.People["roadsHead"], order, OrderAction.DecideExtension));
        Assert.True(OrderPolicy.Can(OrderFactory.People["deputy"], order, OrderAction.DecideExtension));
        Assert.False(OrderPolicy.Can(OrderFactory.People["housingHead"], order, OrderAction.DecideExtension));
        Assert.False(OrderPolicy.Can(OrderFactory.People["housingClerk"], order, OrderAction.RequestExtension));
    }

    [Fact]
    public void ReadOnlyRoles_AreOfferedNothing()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        Assert.Empty(OrderPolicy.AllowedActions(OrderFactory.People["controller"], order));
        Assert.Empty(OrderPolicy.AllowedActions(OrderFactory.People["admin"], order));
        Assert.False(OrderPolicy.CanCreate(OrderFactory.People["controller"]));
    }

    public static TheoryData<OrderStatus, string> EveryStateAndPerson()
    {
        var data = new TheoryData<OrderStatus, string>();
        foreach (var status in Enum.GetValues<OrderStatus>())
            foreach (var person in OrderFactory.People.Keys)
                data.Add(status, person);
        return data;
    }

    /// <summary>Visibility is written twice, as a query filter and in memory; this keeps the two one rule.</summary>
    [Theory]
    [MemberData(nameof(EveryStateAndPerson))]
    public void Visibility_TheQueryFilterAndTheInMemoryRuleAgree(OrderStatus status, string person)
    {
        var actor = OrderFactory.People[person];
        var parent = OrderFactory.InStatus(OrderStatus.InProgress);
        foreach (var order in new[] { OrderFactory.InStatus(status), OrderFactory.FromOtherDeputy(status), OrderFactory.FromControl(status),
                     OrderFactory.Controlled(status),
                     OrderFactory.SubOrderOf(parent, status), OrderFactory.SubOrderOf(OrderFactory.FromOtherDeputy(OrderStatus.InProgress), status) })
        {
            Assert.Equal(OrderPolicy.VisibleTo(actor).Compile()(order), OrderPolicy.CanView(actor, order));
            // The feed decides on the audience alone (no entity): the same answer.
            Assert.Equal(OrderPolicy.CanView(actor, order), OrderPolicy.CanView(actor, OrderAudience.Of(order)));
        }
    }

    [Theory]
    [InlineData(OrderStatus.New, "roadsHead", true)]      // the parent's author
    [InlineData(OrderStatus.InProgress, "roadsClerk", true)] // the parent's issuing department
    [InlineData(OrderStatus.Done, "roadsHead", true)]
    [InlineData(OrderStatus.Draft, "roadsHead", false)]   // a draft stays its author's
    [InlineData(OrderStatus.New, "otherDeputy", true)]    // supervises Finance, the sub-order's executor
    public void SubOrder_IsSeenByWhoeverSeesItsParent(OrderStatus status, string person, bool expected)
    {
        var sub = OrderFactory.SubOrderOf(OrderFactory.InStatus(OrderStatus.InProgress), status);
        var actor = OrderFactory.People[person];

        Assert.Equal(expected, OrderPolicy.CanView(actor, sub));
        Assert.Equal(expected, OrderPolicy.VisibleTo(actor).Compile()(sub));
    }

    [Fact]
    public void SubOrder_OfAnOrderIDoNotSee_StaysHidden()
    {
        // Parent: otherDeputy's order to Finance; roadsHead sees neither it nor its sub-order.
        var sub = OrderFactory.SubOrderOf(OrderFactory.FromOtherDeputy(OrderStatus.InProgress), OrderStatus.New);
        Assert.False(OrderPolicy.CanView(OrderFactory.People["roadsHead"], sub));
        Assert.False(OrderPolicy.CanView(OrderFactory.People["roadsHead"], OrderAudience.Of(sub) with { Parent = null }));
    }

    /// <summary>The control department oversees every department: every sent order, never another department's draft.</summary>
    [Theory]
    [InlineData("controlHead", OrderStatus.New, true)]
    [InlineData("controlHead", OrderStatus.Done, true)]
    [InlineData("controlHead", OrderStatus.Declined, true)]
    [InlineData("controlHead", OrderStatus.Draft, false)]
    [InlineData("controlClerk", OrderStatus.InProgress, true)]
    [InlineData("controlClerk", OrderStatus.Draft, false)]
    public void TheControlDepartment_SeesEverySentOrder(string person, OrderStatus status, bool expected)
    {
        var actor = OrderFactory.People[person];
        foreach (var order in new[] { OrderFactory.InStatus(status), OrderFactory.FromOtherDeputy(status) })
        {
            Assert.Equal(expected, OrderPolicy.CanView(actor, order));
            Assert.Equal(expected, OrderPolicy.VisibleTo(actor).Compile()(order));
        }
    }

    [Theory]
    [InlineData(OrderStatus.New)]
    [InlineData(OrderStatus.InProgress)]
    [InlineData(OrderStatus.OnReview)]
    public void TheControlDepartment_OnlyReads_AnotherDepartmentsOrder(OrderStatus status)
    {
        var order = OrderFactory.InStatus(status);
        foreach (var person in new[] { "controlHead", "controlClerk" })
        {
            var actor = OrderFactory.People[person];
            Assert.Empty(OrderPolicy.AllowedActions(actor, order));
            Assert.False(OrderPolicy.Can(actor, order, OrderAction.Comment));
            Assert.Equal("Контрольный отдел видит это поручение только для просмотра.", OrderPolicy.Refusal(actor, order, OrderAction.Comment));
        }
    }

    /// <summary>Outside others' orders the control department is a department like any other: it issues its own and handles them.</summary>
    [Fact]
    public void TheControlDepartmentsHead_IssuesAndHandlesItsOwnDepartmentsOrders()
    {
        var head = OrderFactory.People["controlHead"];
        Assert.True(OrderPolicy.CanCreate(head));
        Assert.True(OrderPolicy.CanView(head, OrderFactory.FromControl(OrderStatus.Draft)));
        Assert.True(OrderPolicy.Can(head, OrderFactory.FromControl(OrderStatus.Draft), OrderAction.Send));
        Assert.True(OrderPolicy.Can(head, OrderFactory.FromControl(OrderStatus.OnReview), OrderAction.Approve));
        Assert.True(OrderPolicy.Can(head, OrderFactory.FromControl(OrderStatus.InProgress), OrderAction.Comment));
        Assert.True(OrderPolicy.Can(OrderFactory.People["controlClerk"], OrderFactory.FromControl(OrderStatus.InProgress), OrderAction.Comment));
        // The executing department is not the control department's to run.
        Assert.False(OrderPolicy.Can(head, OrderFactory.FromControl(OrderStatus.New), OrderAction.Accept));
    }
}
