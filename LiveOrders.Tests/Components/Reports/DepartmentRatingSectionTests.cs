using Bunit;
using LiveOrders.Core.Reports;
using LiveOrders.Tests.Support;
using LiveOrders.Web.Components.Reports;

namespace LiveOrders.Tests.Components.Reports;

/// <summary>The rating section ranks what Core's <see cref="DepartmentRating"/> ranks, and states the formula beside the table.</summary>
public sealed class DepartmentRatingSectionTests
{
    private static DepartmentFigures Figures(int id, string name, int received, int done, int onTime, int overdue) =>
        new(id, name, received, done, onTime, overdue, null, null, null, null, 0, 0, 0, 0, null);

    [Fact]
    public async Task TheRating_ShowsPlacesIndicesAndParts_TheUnratedLast_AndTheFormula()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = await ComponentTest.CreateAsync(database, database.Deputy);
        // Финансы: nothing. ЖКХ: С = 1/2, П = 1 − 1/4 = 0.75, В = 1 → 100 × (0.2 + 0.1875 + 0.1) / 0.75 = 65.0.
        // Дороги: С = 1, П = 1, В = 1 → 100.
        DepartmentFigures[] figures = [Figures(3, "Финансы", 0, 0, 0, 0), Figures(1, "ЖКХ", 4, 2, 1, 1), Figures(2, "Дороги", 1, 1, 1, 0)];

        var section = ctx.Render<DepartmentRatingSection>(p => p.Add(x => x.Figures, figures));

        var rows = section.FindAll("[data-testid=rating-row]");
        Assert.Equal(["2", "1", "3"], rows.Select(r => r.GetAttribute("data-department")));
        Assert.Equal(["1", "2", "—"], rows.Select(r => r.QuerySelector("[data-testid=rating-place]")!.TextContent));
        Assert.Equal(["100,0", "65,0", DepartmentRating.NotRated], rows.Select(r => r.QuerySelector("[data-testid=rating-index]")!.TextContent));
        Assert.Equal(("50", "75", "—", "100", "—"), (
            rows[1].QuerySelector("[data-testid=rating-on-time]")!.TextContent, rows[1].QuerySelector("[data-testid=rating-no-overdue]")!.TextContent,
            rows[1].QuerySelector("[data-testid=rating-accept]")!.TextContent, rows[1].QuerySelector("[data-testid=rating-no-returns]")!.TextContent,
            rows[1].QuerySelector("[data-testid=rating-quality]")!.TextContent));

        var formula = section.Find("[data-testid=rating-formula]").TextContent;
        Assert.Contains(DepartmentRating.Rule, formula);
        Assert.All(DepartmentRating.Parts, part => Assert.Contains(part.Definition, formula));
        Assert.Contains("не оценивается", formula);
    }
}
