using LiveOrders.Core.Orders;
using static LiveOrders.Tests.Core.OrderFactory;

namespace LiveOrders.Tests.Core;

/// <summary>Who may attach files to an order and who may remove them: <see cref="OrderPolicy.CanAttach"/> and <see cref="OrderPolicy.CanRemoveAttachment"/>.</summary>
public sealed class AttachmentPolicyTests
{
    // person → may attach to the order (Roads → Housing, assigned to housingClerk) while it is in progress.
    public static TheoryData<string, bool> WhileOpen => new()
    {
        { "roadsHead", true },      // the author
        { "roadsClerk", true },     // the issuing department
        { "housingHead", true },    // the executing department
        { "housingClerk", true },   // the responsible executor
        { "housingOther", true },   // the executing department's other people, who may comment
        { "deputy", true },         // the curator
        { "controller", false },    // read-only
        { "admin", false },         // sees everything, takes part in nothing
        { "controlClerk", false },  // the control department oversees, read-only outside its own business
        { "financeHead", false },   // does not see it
        { "otherDeputy", false },
    };

    [Theory]
    [MemberData(nameof(WhileOpen))]
    public void WhoMayAttach_IsWhoMayComment_WhileTheOrderIsOpen(string person, bool expected) =>
        Assert.Equal(expected, OrderPolicy.CanAttach(People[person], InStatus(OrderStatus.InProgress)));

    [Theory]
    [InlineData(OrderStatus.Draft, "roadsHead", true)]       // the author's draft
    [InlineData(OrderStatus.Draft, "housingHead", false)]    // nobody else sees it
    [InlineData(OrderStatus.New, "housingClerk", true)]
    [InlineData(OrderStatus.OnReview, "roadsHead", true)]
    [InlineData(OrderStatus.Declined, "roadsHead", true)]
    [InlineData(OrderStatus.Done, "roadsHead", false)]       // a closed order's files are its record
    [InlineData(OrderStatus.Done, "housingClerk", false)]
    [InlineData(OrderStatus.Cancelled, "roadsHead", false)]
    public void Attaching_FollowsTheOrdersState(OrderStatus status, string person, bool expected) =>
        Assert.Equal(expected, OrderPolicy.CanAttach(People[person], InStatus(status)));

    [Theory]
    [InlineData("housingClerk", "housingClerk", true)]   // her own file
    [InlineData("roadsHead", "housingClerk", true)]      // the order's author, anyone's file
    [InlineData("housingHead", "housingClerk", false)]   // her head: not his file, not his order
    [InlineData("deputy", "housingClerk", false)]
    [InlineData("controller", "controller", false)]      // even if a file were his: read-only
    public void Removing_IsForTheUploaderOrTheAuthor(string person, string uploader, bool expected) =>
        Assert.Equal(expected, OrderPolicy.CanRemoveAttachment(People[person], InStatus(OrderStatus.InProgress), People[uploader].EmployeeId));

    [Fact]
    public void Removing_EndsWhenTheOrderCloses() =>
        Assert.False(OrderPolicy.CanRemoveAttachment(People["roadsHead"], InStatus(OrderStatus.Done), People["roadsHead"].EmployeeId));
}
