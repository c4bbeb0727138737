using LiveOrders.Core.Language;

namespace LiveOrders.Tests.Core;

public sealed class RussianPluralTests
{
    [Theory]
    [InlineData(0, "0 поручений")]
    [InlineData(1, "1 поручение")]
    [InlineData(2, "2 поручения")]
    [InlineData(4, "4 поручения")]
    [InlineData(5, "5 поручений")]
    [InlineData(11, "11 поручений")]
    [InlineData(12, "12 поручений")]
    [InlineData(14, "14 поручений")]
    [InlineData(21, "21 поручение")]
    [InlineData(22, "22 поручения")]
    [InlineData(25, "25 поручений")]
    [InlineData(101, "101 поручение")]
    [InlineData(111, "111 поручений")]
    [InlineData(112, "112 поручений")]
    [InlineData(1021, "1021 поручение")]
    [InlineData(-1, "-1 поручение")]
    [InlineData(-3, "-3 поручения")]
    [InlineData(-11, "-11 поручений")]
    [InlineData(-21, "-21 поручение")]
    public void TheNounTakesTheFormItsNumberAsks(long n, string expected) =>
        Assert.Equal(expected, RussianPlural.Of(n, "поручение", "поручения", "поручений"));
}
