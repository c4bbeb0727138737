using LiveOrders.Core.Orders;
using LiveOrders.Web.Components.Orders;

namespace LiveOrders.Tests.Components.Orders;

public sealed class MentionDraftTests
{
    private static readonly PersonRef Pavlov = new(7, "Павлов Сергей Олегович", "Специалист", "ЖКХ");
    private static readonly PersonRef Volkova = new(8, "Волкова Наталья Андреевна", "Специалист", "ЖКХ");
    private static readonly PersonRef Me = new(1, "Павлова Анна Игоревна", "Начальник", "Архитектура");

    [Theory]
    [InlineData("Прошу @Пав", "Пав")]
    [InlineData("@", "")]
    [InlineData("почта a@b", null)]
    [InlineData("@Павлов уже упомянут", null)]
    public void TheNameBeingTyped_IsTheWordAfterATrailingAt(string text, string? query)
    {
        var draft = new MentionDraft();
        draft.Type(text);
        Assert.Equal(query, draft.Query);
    }

    [Fact]
    public void Suggestions_MatchAnyPartOfTheName_AndNeverTheWriter()
    {
        var draft = new MentionDraft();
        draft.Type("Прошу @пав");
        Assert.Equal([Pavlov], draft.Suggest([Pavlov, Volkova, Me], writerId: Me.Id));
        draft.Type("Прошу @Андр");
        Assert.Equal([Volkova], draft.Suggest([Pavlov, Volkova, Me], writerId: Me.Id));
    }

    [Fact]
    public void APickedMention_ReplacesWhatWasTyped_AndCountsOnlyWhileItStaysInTheText()
    {
        var draft = new MentionDraft();
        draft.Type("Прошу проверить, @Павл");
        draft.Mention(Pavlov);
        Assert.Equal("Прошу проверить, @Павлов С. О. ", draft.Text);
        Assert.Equal([Pavlov.Id], draft.Mentioned);

        draft.Type("Прошу проверить.");
        Assert.Empty(draft.Mentioned);
    }
}
