using LiveOrders.Core.Organization;

namespace LiveOrders.Tests.Core;

/// <summary>Who may open what outside an order, as one table: role × question → answer.</summary>
public sealed class AccessPolicyTests
{
    private const int Own = 10, Supervised = 20, Foreign = 30;

    private static Actor ActorOf(Role role) =>
        new(1, "Тестов Т. Т.", Own, role, role == Role.DeputyHead ? [Supervised] : []);

    public static TheoryData<Role, bool, bool, bool, bool, bool, bool> Table => new()
    {
        //                      own board, supervised board, foreign board, panel, displays, organisation
        { Role.Employee,        true,  false, false, false, false, false },
        { Role.DepartmentHead,  true,  false, false, false, false, false },
        { Role.DeputyHead,      true,  true,  false, true,  false, false },
        { Role.Controller,      true,  true,  true,  true,  false, false },
        { Role.Administrator,   true,  true,  true,  true,  true,  true  },
    };

    [Theory, MemberData(nameof(Table))]
    public void EachRole_ReachesExactlyWhatTheTableSays(Role role, bool ownBoard, bool supervisedBoard, bool foreignBoard,
        bool panel, bool displays, bool organisation)
    {
        var actor = ActorOf(role);
        Assert.Equal(ownBoard, AccessPolicy.CanOpenBoard(actor, Own));
        Assert.Equal(supervisedBoard, AccessPolicy.CanOpenBoard(actor, Supervised));
        Assert.Equal(foreignBoard, AccessPolicy.CanOpenBoard(actor, Foreign));
        Assert.Equal(panel, AccessPolicy.CanUseControlPanel(actor));
        Assert.Equal(displays, AccessPolicy.CanManageDisplays(actor));
        Assert.Equal(organisation, AccessPolicy.CanManageOrganization(actor));
    }

    [Theory]
    [InlineData(Role.DeputyHead, Supervised, true)]
    [InlineData(Role.DeputyHead, Own, false)]
    [InlineData(Role.DeputyHead, Foreign, false)]
    [InlineData(Role.Controller, Foreign, true)]
    [InlineData(Role.Administrator, Foreign, true)]
    [InlineData(Role.DepartmentHead, Own, false)]
    [InlineData(Role.Employee, Own, false)]
    public void ThePanel_ShowsOnlyTheDepartmentsTheActorOversees(Role role, int department, bool shown) =>
        Assert.Equal(shown, AccessPolicy.OverseesOnPanel(ActorOf(role), department));

    /// <summary>ctrl.head was an ordinary head: no control panel, only her own board. The control department oversees all.</summary>
    [Theory]
    [InlineData("controlHead")]
    [InlineData("controlClerk")]
    public void TheControlDepartment_OpensEveryBoard_AndTheControlPanelOverEveryDepartment(string person)
    {
        var actor = OrderFactory.People[person];
        Assert.True(AccessPolicy.CanUseControlPanel(actor));
        foreach (var department in new[] { OrderFactory.Roads, OrderFactory.Housing, OrderFactory.Finance, OrderFactory.Control })
        {
            Assert.True(AccessPolicy.CanOpenBoard(actor, department));
            Assert.True(AccessPolicy.OverseesOnPanel(actor, department));
        }
        Assert.False(AccessPolicy.CanManageDisplays(actor));
        Assert.False(AccessPolicy.CanManageOrganization(actor));
    }
}
