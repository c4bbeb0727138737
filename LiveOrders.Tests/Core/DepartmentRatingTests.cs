using LiveOrders.Core.Reports;

namespace LiveOrders.Tests.Core;

/// <summary>
/// The department rating's index (<see cref="DepartmentRating"/>) on figures made up for each edge: who is not rated, no
/// division by zero, parts without data left out, ties, and the order of the places.
/// </summary>
public sealed class DepartmentRatingTests
{
    private static DepartmentFigures Figures(int id, string name, int received = 0, int done = 0, int onTime = 0, int overdue = 0,
        double? medianAcceptHours = null, int returns = 0, double? mark = null) =>
        new(id, name, received, done, onTime, overdue, null, medianAcceptHours is { } h ? TimeSpan.FromHours(h) : null, null, null,
            0, returns, 0, 0, mark);

    [Fact]
    public void ADepartmentThatReceivedAndDidNothing_IsNotRated_AndListedLast_EvenWithOverdueOrders()
    {
        var idle = Figures(1, "Архив", overdue: 3);
        var busy = Figures(2, "Юристы", received: 1, done: 1, onTime: 0);

        var rating = DepartmentRating.Rate([idle, busy]);

        Assert.Equal([2, 1], rating.Select(r => r.Figures.DepartmentId));
        var last = rating[^1];
        Assert.False(last.IsRated);
        Assert.Null(last.Place);
        Assert.Null(last.Index);
        Assert.Equal(1, rating[0].Place);
    }

    [Fact]
    public void PartsWithoutData_AreLeftOut_AndTheWeightsOfTheOthersCarryTheIndex()
    {
        // Received 2, nothing done, nothing accepted, no marks: only П counts. П = 1 − 1/2 = 0.5 → index 50.
        var waiting = Figures(1, "ЖКХ", received: 2, overdue: 1);
        // Done 4, 3 on time, nothing received in the period: С = 0.75, В = 1 − 0/4 = 1; П, Б, К absent.
        // Index = 100 × (0.40 × 0.75 + 0.10 × 1) ÷ (0.40 + 0.10) = 100 × 0.4 / 0.5 = 80.
        var finishing = Figures(2, "Дороги", done: 4, onTime: 3);

        var rating = DepartmentRating.Rate([waiting, finishing]);

        var w = rating.Single(r => r.Figures.DepartmentId == 1);
        Assert.Equal(new RatingComponents(null, 0.5, null, null, null), w.Components);
        Assert.Equal(50.0, w.Index);
        var f = rating.Single(r => r.Figures.DepartmentId == 2);
        Assert.Equal(new RatingComponents(0.75, null, null, 1.0, null), f.Components);
        Assert.Equal(80.0, f.Index);
        Assert.Equal([2, 1], rating.Select(r => r.Figures.DepartmentId));
    }

    [Fact]
    public void MoreOverdueThanReceived_GivesZeroNotANegativePart()
    {
        var swamped = Figures(1, "ЖКХ", received: 2, overdue: 7);

        var rated = Assert.Single(DepartmentRating.Rate([swamped]));

        Assert.Equal(0.0, rated.Components.NoOverdue);
        Assert.Equal(0.0, rated.Index);
        Assert.Equal(1, rated.Place);
    }

    [Fact]
    public void ThePartsScale_AsTheFormulaStates()
    {
        // Б: accepted at once 1, after a day ½, after three days ¼. К: mark 5 → 1, mark 1 → 0, mark 3 → ½.
        // В: 1 done and 3 returns → 1 − 3/4 = ¼.
        Assert.Equal(1.0, DepartmentRating.ComponentsOf(Figures(1, "А", received: 1, medianAcceptHours: 0)).AcceptSpeed);
        Assert.Equal(0.5, DepartmentRating.ComponentsOf(Figures(1, "А", received: 1, medianAcceptHours: 24)).AcceptSpeed);
        Assert.Equal(0.25, DepartmentRating.ComponentsOf(Figures(1, "А", received: 1, medianAcceptHours: 72)).AcceptSpeed);
        Assert.Equal(1.0, DepartmentRating.ComponentsOf(Figures(1, "А", done: 1, mark: 5)).Quality);
        Assert.Equal(0.0, DepartmentRating.ComponentsOf(Figures(1, "А", done: 1, mark: 1)).Quality);
        Assert.Equal(0.5, DepartmentRating.ComponentsOf(Figures(1, "А", done: 1, mark: 3)).Quality);
        Assert.Equal(0.25, DepartmentRating.ComponentsOf(Figures(1, "А", done: 1, returns: 3)).NoReturns);
    }

    [Fact]
    public void EqualIndices_ShareAPlace_ListedByName_AndTheNextPlaceIsSkipped()
    {
        // All on time (С = 1, В = 1) → 100; the last one half on time: 100 × (0.4 × 0.5 + 0.1) / 0.5 = 60.
        var rating = DepartmentRating.Rate(
        [
            Figures(1, "Финансы", done: 2, onTime: 2),
            Figures(2, "Архитектура", done: 1, onTime: 1),
            Figures(3, "Юристы", done: 2, onTime: 1),
            Figures(4, "Образование", done: 5, onTime: 5),
        ]);

        Assert.Equal(["Архитектура", "Образование", "Финансы", "Юристы"], rating.Select(r => r.Figures.Name));
        Assert.Equal([1, 1, 1, 4], rating.Select(r => r.Place));
        Assert.Equal([100.0, 100.0, 100.0, 60.0], rating.Select(r => r.Index));
    }

    [Fact]
    public void TheIndexIsRoundedToATenth_AndTiesAreDecidedOnTheRoundedIndex()
    {
        // С = 2/3 → 100 × 0.4 × 2/3 / 0.5 + 100 × 0.1 × 1 / 0.5 = 53.333… + 20 = 73.333… → 73.3;
        // С = 0.6666 (6666 of 10000) → 53.328 + 20 = 73.328 → 73.3: the same place.
        var rating = DepartmentRating.Rate(
        [
            Figures(1, "Б", done: 3, onTime: 2),
            Figures(2, "А", done: 10000, onTime: 6666),
        ]);

        Assert.Equal([73.3, 73.3], rating.Select(r => r.Index));
        Assert.Equal([1, 1], rating.Select(r => r.Place));
        Assert.Equal(["А", "Б"], rating.Select(r => r.Figures.Name));
    }

    [Fact]
    public void NoDepartments_GiveAnEmptyRating() => Assert.Empty(DepartmentRating.Rate([]));

    [Fact]
    public void TheFormula_NamesEveryPartWithItsWeight_AndTheWeightsAddUpToOne()
    {
        Assert.Equal(1.0, DepartmentRating.Parts.Sum(p => p.Weight), 10);
        Assert.StartsWith("Индекс = 100 × (0,40·С + 0,25·П + 0,15·Б + 0,10·В + 0,10·К)", DepartmentRating.Rule);
        foreach (var part in DepartmentRating.Parts) Assert.Contains($"{part.Letter} ({part.Name}) = {part.Definition}", DepartmentRating.Formula);
    }
}
