using LiveOrders.Web.Components.Control;

namespace LiveOrders.Tests.Components.Control;

public sealed class FreshnessTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Lost_KeepsTheFirstInstant_UntilARefreshSucceeds()
    {
        var lost = Freshness.Unknown.Refreshed(T0).Lost(T0.AddSeconds(5)).Lost(T0.AddSeconds(30));
        Assert.False(lost.IsCurrent);
        Assert.Equal(T0.AddSeconds(5), lost.LostAt);
        // The browser may report an earlier instant than the server noticed: the earlier one is the truth.
        Assert.Equal(T0.AddSeconds(2), lost.Lost(T0.AddSeconds(2)).LostAt);

        var back = lost.Refreshed(T0.AddSeconds(40));
        Assert.True(back.IsCurrent);
        Assert.Null(back.LostAt);
        Assert.Equal(T0.AddSeconds(40), back.UpdatedAt);
    }

    [Fact]
    public void NeverRead_IsNotCurrent() => Assert.False(Freshness.Unknown.IsCurrent);

    [Theory]
    [InlineData(0, "меньше суток")]
    [InlineData(1, "1 день")]
    [InlineData(3, "3 дня")]
    [InlineData(5, "5 дней")]
    [InlineData(11, "11 дней")]
    [InlineData(12, "12 дней")]
    [InlineData(21, "21 день")]
    [InlineData(22, "22 дня")]
    public void DaysLate_IsWrittenInRussian(int days, string text) => Assert.Equal(text, ControlText.DaysLate(days));
}
