using System.Globalization;
using LiveOrders.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LiveOrders.Tests.Browser;

/// <summary>The administrator's production calendar decides the creation form's default due date, at once.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CalendarTests(BrowserFixture browser)
{
    private static async Task<DateOnly> DefaultDueAsync(IPage author)
    {
        await author.GotoAsync("/orders/new");
        await BrowserFixture.WaitInteractiveAsync(author);
        var input = author.Locator("input[data-testid=due-date]");
        await Expect(input).Not.ToHaveValueAsync("");
        return DateOnly.ParseExact(await input.InputValueAsync(), "dd.MM.yyyy", CultureInfo.InvariantCulture);
    }

    private static async Task ToggleAndSaveAsync(IPage admin, DateOnly day)
    {
        await admin.GotoAsync("/admin/calendar");
        await BrowserFixture.WaitInteractiveAsync(admin);
        await admin.Locator($"[data-testid=calendar-year-tab][data-year='{day.Year}']").ClickAsync();
        var cell = admin.Locator($"[data-testid=calendar-day][data-date='{day:yyyy-MM-dd}']");
        var was = await cell.GetAttributeAsync("data-state");
        await cell.ClickAsync();
        await Expect(cell).ToHaveAttributeAsync("data-state", was == "working" ? "off" : "working");
        await admin.GetByTestId("calendar-save").ClickAsync();
        await Expect(admin.GetByTestId("calendar-save")).ToBeDisabledAsync();
        await Expect(cell).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("changed"));
    }

    [Fact]
    public async Task TheAdministratorTurnsTheDefaultDueDayOff_AndTheCreationFormOffersALaterWorkingDay()
    {
        var author = await browser.SignInAsync("arch.head");
        var admin = await browser.SignInAsync("admin");
        var before = await DefaultDueAsync(author);
        Assert.False(before.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

        await ToggleAndSaveAsync(admin, before);
        try
        {
            var after = await DefaultDueAsync(author);
            Assert.True(after > before, $"{after} after {before}");
            Assert.False(after.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

            // A type's term gives its own default: «Обращение гражданина (59-ФЗ)», 30 calendar days, lands on a working day too.
            await BrowserFixture.PickAsync(author, "order-type", "Обращение гражданина (59-ФЗ) — 30 календарных дней");
            await Expect(author.Locator("input[data-testid=due-date]")).Not.ToHaveValueAsync(after.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            await Expect(author.GetByTestId("due-summary")).Not.ToContainTextAsync(new System.Text.RegularExpressions.Regex("суббота|воскресенье"));
        }
        finally
        {
            // The app is shared by the browser tests: the day is given back.
            await ToggleAndSaveAsync(admin, before);
        }
        Assert.Equal(before, await DefaultDueAsync(author));
        await author.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
