using LiveOrders.Core.Orders;

namespace LiveOrders.Tests.Core;

public sealed class SubOrderRulesTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.CreateCustomTimeZone("MSK", TimeSpan.FromHours(3), "MSK", "MSK");
    private static readonly DateTime ParentDue = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SubOrderDue_AtOrBeforeTheParent_IsAllowed()
    {
        Assert.Null(SubOrderRules.DueAtRefusal(ParentDue, ParentDue, Moscow));
        Assert.Null(SubOrderRules.DueAtRefusal(ParentDue.AddDays(-1), ParentDue, Moscow));
    }

    [Fact]
    public void SubOrderDue_AfterTheParent_IsRefused_NamingTheParentsDueDateInLocalTime()
    {
        var refusal = SubOrderRules.DueAtRefusal(ParentDue.AddMinutes(1), ParentDue, Moscow);
        Assert.Equal("Срок подпоручения не может быть позже срока родительского поручения (10.03.2026 15:00).", refusal);
    }

    [Theory]
    [InlineData(0, null, true)]
    [InlineData(2, null, false)]
    [InlineData(2, "   ", false)]
    [InlineData(2, "Работы по подпоручениям перенесены в план на следующий год", true)]
    public void ApprovalOverOpenSubOrders_NeedsAReason(int open, string? reason, bool allowed)
    {
        var refusal = SubOrderRules.ApprovalRefusal(open, reason);
        Assert.Equal(allowed, refusal is null);
        if (!allowed) Assert.Contains($"Не завершено подпоручений: {open}", refusal);
    }
}
