using LiveOrders.Core.Integrations;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;

namespace LiveOrders.Tests.Core;

/// <summary>
/// The integration scope clause of <see cref="OrderPolicy"/>: a key or token sees the intersection of its employee's
/// rights and its departments, and writes only with write access. The order is Roads (10) → Housing (20).
/// </summary>
public sealed class IntegrationScopeTests
{
    private static readonly Dictionary<string, IntegrationScope?> Scopes = new()
    {
        ["person"] = null,
        ["readHousing"] = new([OrderFactory.Housing], false),
        ["writeHousing"] = new([OrderFactory.Housing], true),
        ["writeRoadsHousing"] = new([OrderFactory.Roads, OrderFactory.Housing], true),
        ["readFinance"] = new([OrderFactory.Finance], false),
        ["writeFinance"] = new([OrderFactory.Finance], true),
        ["nothing"] = new([], true),
    };

    private static Actor As(string person, string scope) => OrderFactory.People[person] with { Integration = Scopes[scope] };

    public static TheoryData<OrderStatus, string, string> EveryStatePersonAndScope()
    {
        var data = new TheoryData<OrderStatus, string, string>();
        foreach (var status in Enum.GetValues<OrderStatus>())
            foreach (var person in OrderFactory.People.Keys)
                foreach (var scope in Scopes.Keys)
                    data.Add(status, person, scope);
        return data;
    }

    /// <summary>The agreement test of <see cref="OrderPolicyTests"/>, over every scope as well.</summary>
    [Theory]
    [MemberData(nameof(EveryStatePersonAndScope))]
    public void Visibility_TheQueryFilterAndTheInMemoryRuleAgree_UnderEveryScope(OrderStatus status, string person, string scope)
    {
        var actor = As(person, scope);
        foreach (var order in new[] { OrderFactory.InStatus(status), OrderFactory.FromOtherDeputy(status) })
            Assert.Equal(OrderPolicy.VisibleTo(actor).Compile()(order), OrderPolicy.CanView(actor, order));
    }

    /// <summary>Never more than the employee: a scope only takes away.</summary>
    [Theory]
    [MemberData(nameof(EveryStatePersonAndScope))]
    public void AScope_NeverShowsOrAllowsMoreThanTheEmployeeHas(OrderStatus status, string person, string scope)
    {
        var order = OrderFactory.InStatus(status);
        var employee = OrderFactory.People[person];
        var integration = As(person, scope);
        if (OrderPolicy.CanView(integration, order)) Assert.True(OrderPolicy.CanView(employee, order));
        foreach (var action in Enum.GetValues<OrderAction>())
            if (OrderPolicy.Can(integration, order, action)) Assert.True(OrderPolicy.Can(employee, order, action));
    }

    [Theory]
    [InlineData("housingClerk", "readHousing", true)]
    [InlineData("housingClerk", "writeHousing", true)]
    [InlineData("housingClerk", "readFinance", false)]
    [InlineData("housingClerk", "nothing", false)]
    [InlineData("financeHead", "readFinance", false)]   // the scope names Finance, but the order is not the employee's
    [InlineData("controller", "readFinance", false)]
    [InlineData("controller", "readHousing", true)]
    public void AKey_SeesAnOrder_OnlyWhenItsEmployeeDoesAndTheOrderConcernsItsDepartments(string person, string scope, bool expected)
    {
        var order = OrderFactory.InStatus(OrderStatus.New);
        var actor = As(person, scope);
        Assert.Equal(expected, OrderPolicy.CanView(actor, order));
        Assert.Equal(expected, OrderPolicy.VisibleTo(actor).Compile()(order));
    }

    [Fact]
    public void AReadKey_MayDoNothing_AndIsToldWhy()
    {
        var order = OrderFactory.InStatus(OrderStatus.New);
        var actor = As("housingHead", "readHousing");
        Assert.True(OrderPolicy.CanView(actor, order));
        Assert.False(OrderPolicy.CanCreate(actor));
        Assert.Empty(OrderPolicy.AllowedActions(actor, order));
        Assert.False(OrderPolicy.Can(actor, order, OrderAction.Accept));
        Assert.False(OrderPolicy.Can(actor, order, OrderAction.Comment));
        Assert.Equal(OrderPolicy.IntegrationReadOnlyMessage, OrderPolicy.Refusal(actor, order, OrderAction.Accept));
    }

    [Fact]
    public void AWriteKey_ActsWithinItsScope_AsItsEmployeeWould()
    {
        var order = OrderFactory.InStatus(OrderStatus.New);
        Assert.True(OrderPolicy.Can(As("housingHead", "writeHousing"), order, OrderAction.Accept));
        Assert.False(OrderPolicy.Can(As("housingHead", "writeFinance"), order, OrderAction.Accept));
        Assert.False(OrderPolicy.Can(As("housingClerk", "writeHousing"), order, OrderAction.Accept));
    }

    [Theory]
    [InlineData("person", OrderFactory.Finance, true)]
    [InlineData("writeRoadsHousing", OrderFactory.Housing, true)]
    [InlineData("writeRoadsHousing", OrderFactory.Finance, false)]
    [InlineData("writeHousing", OrderFactory.Housing, false)]   // the employee's own department (Roads) is outside the scope
    public void AKey_AddressesOrders_OnlyBetweenItsDepartments(string scope, int department, bool expected) =>
        Assert.Equal(expected, OrderPolicy.MayAddress(As("roadsHead", scope), department));
}
