using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

/// <summary>The personal-data mark (152-ФЗ) and who reads the log of openings.</summary>
public sealed class PersonalDataRulesTests
{
    // person → may read the log of openings: control (controllers, the control department) and administrators only.
    public static TheoryData<string, bool> ReadLogTable => new()
    {
        { "controller", true },
        { "admin", true },
        { "controlHead", true },
        { "controlClerk", true },
        { "deputy", false },
        { "roadsHead", false },      // the author herself
        { "housingHead", false },
        { "housingClerk", false },   // the executor
        { "financeHead", false },
    };

    [Theory]
    [MemberData(nameof(ReadLogTable))]
    public void ReadLog_IsForControlAndAdministratorsOnly(string person, bool expected) =>
        Assert.Equal(expected, OrderPolicy.CanSeeReadLog(OrderFactory.People[person]));

    [Fact]
    public void ReadLog_IsNotForAnotherSystem_EvenActingAsAController()
    {
        var throughKey = OrderFactory.People["controller"] with
        {
            Integration = new LiveOrders.Core.Integrations.IntegrationScope([OrderFactory.Roads], false),
        };
        Assert.False(OrderPolicy.CanSeeReadLog(throughKey));
    }

    [Fact]
    public void TheMark_SetAtCreation_IsKept()
    {
        var draft = new OrderDraft("Жалоба гражданина", "Иванов И. И., ул. Ленина, 1", OrderFactory.Housing, Priority.Normal,
            OrderFactory.Now.AddDays(5), ContainsPersonalData: true);
        Assert.True(Order.Create(draft, 1, OrderFactory.Roads, OrderFactory.Now).ContainsPersonalData);
    }

    [Fact]
    public void TheAuthorMarksAndUnmarks_EachRecordedInTheHistory()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        var at = OrderFactory.Now.AddHours(1);

        order.MarkPersonalData(1, at, true);
        Assert.True(order.ContainsPersonalData);
        Assert.Equal((OrderEventKind.PersonalDataMarked, (int?)1), (order.History.Last().Kind, order.History.Last().ActorId));

        order.MarkPersonalData(1, at, false);
        Assert.False(order.ContainsPersonalData);
        Assert.Equal(OrderEventKind.PersonalDataUnmarked, order.History.Last().Kind);
    }

    [Fact]
    public void MarkingWhatIsAlreadyMarked_IsRefused_AndNotRecorded()
    {
        var order = OrderFactory.InStatus(OrderStatus.InProgress);
        order.MarkPersonalData(1, OrderFactory.Now, true);
        var version = order.Version;

        Assert.Throws<OrderRuleException>(() => order.MarkPersonalData(1, OrderFactory.Now, true));
        Assert.Equal(version, order.Version);
    }

    [Fact]
    public void ADraftsEdit_SetsTheMark()
    {
        var order = OrderFactory.InStatus(OrderStatus.Draft);
        order.EditDraft(1, OrderFactory.Now, new OrderDraft(order.Title, order.Text, order.ExecutingDepartmentId, order.Priority, order.DueAt,
            ContainsPersonalData: true));
        Assert.True(order.ContainsPersonalData);
    }
}
