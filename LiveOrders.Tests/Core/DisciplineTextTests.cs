using LiveOrders.Core.Language;
using LiveOrders.Core.Reports;

namespace LiveOrders.Tests.Core;

/// <summary>The справка's words: the period, a delay and the summary, with numbers in the right Russian form.</summary>
public sealed class DisciplineTextTests
{
    [Theory]
    [InlineData(1, "1 поручение", "1 день", "1 час")]
    [InlineData(2, "2 поручения", "2 дня", "2 часа")]
    [InlineData(5, "5 поручений", "5 дней", "5 часов")]
    [InlineData(11, "11 поручений", "11 дней", "11 часов")]
    [InlineData(21, "21 поручение", "21 день", "21 час")]
    [InlineData(22, "22 поручения", "22 дня", "22 часа")]
    [InlineData(25, "25 поручений", "25 дней", "25 часов")]
    [InlineData(111, "111 поручений", "111 дней", "111 часов")]
    public void RussianPlural_TakesTheFormTheNumberAsks(int n, string orders, string days, string hours)
    {
        Assert.Equal(orders, RussianPlural.Of(n, "поручение", "поручения", "поручений"));
        Assert.Equal(orders, DisciplineText.Orders(n));
        Assert.Equal(days, RussianPlural.Of(n, "день", "дня", "дней"));
        Assert.Equal(hours, RussianPlural.Of(n, "час", "часа", "часов"));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-04-01", "за март 2026 г.")]
    [InlineData("2026-02-01", "2026-03-01", "за февраль 2026 г.")]
    [InlineData("2026-12-01", "2027-01-01", "за декабрь 2026 г.")]
    [InlineData("2026-01-01", "2026-04-01", "за I квартал 2026 г.")]
    [InlineData("2026-10-01", "2027-01-01", "за IV квартал 2026 г.")]
    [InlineData("2026-07-01", "2027-01-01", "за II полугодие 2026 г.")]
    [InlineData("2026-01-01", "2027-01-01", "за 2026 г.")]
    [InlineData("2026-03-01", "2026-03-16", "за период с 01.03.2026 по 15.03.2026")]
    [InlineData("2026-02-01", "2026-05-01", "за период с 01.02.2026 по 30.04.2026")]   // three months, not a quarter
    [InlineData("2026-03-02", "2026-04-02", "за период с 02.03.2026 по 01.04.2026")]   // a month's length, not a month
    [InlineData("2020-01-01", "2030-01-01", "за период с 01.01.2020 по 31.12.2029")]
    [InlineData("2026-03-05", "2026-03-06", "за 05.03.2026")]
    public void ThePeriod_InWords(string from, string to, string expected) =>
        Assert.Equal(expected, DisciplineText.Period(new ReportPeriod(DateOnly.Parse(from), DateOnly.Parse(to))));

    [Theory]
    [InlineData(26, 0, "1 день 2 часа")]
    [InlineData(120, 0, "5 дней")]
    [InlineData(72, 0, "3 дня")]
    [InlineData(4, 0, "4 часа")]
    [InlineData(1, 30, "1 час")]                   // minutes are dropped past an hour
    [InlineData(21 * 24 + 21, 0, "21 день 21 час")]
    [InlineData(22 * 24 + 11, 0, "22 дня 11 часов")]
    [InlineData(111 * 24 + 5, 59, "111 дней 5 часов")]
    [InlineData(0, 40, "40 минут")]
    [InlineData(0, 1, "1 минута")]
    [InlineData(0, 0, "менее минуты")]
    public void ADelay_InDaysAndHours(int hours, int minutes, string expected) =>
        Assert.Equal(expected, DisciplineText.Delay(TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes)));

    [Fact]
    public void TheSummary_DeclinesEachNumber_AndSaysWhenNothingWasDone()
    {
        Assert.Equal("В отчётном периоде поступило 4 поручения, исполнено 3 поручения, из них в срок — 2 (67 %); просрочено на дату справки — 1 поручение."
            + " С нарушением срока исполнено 1 поручение.", DisciplineText.Summary(new DisciplineTotals(4, 3, 2, 1)));
        Assert.Equal("В отчётном периоде поступило 21 поручение, исполнено 22 поручения, из них в срок — 22 (100 %); просрочено на дату справки — 5 поручений.",
            DisciplineText.Summary(new DisciplineTotals(21, 22, 22, 5)));
        Assert.Equal("В отчётном периоде поступило 1 поручение, исполненных поручений нет; просрочено на дату справки — 11 поручений.",
            DisciplineText.Summary(new DisciplineTotals(1, 0, 0, 11)));
    }
}
