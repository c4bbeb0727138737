using System.Text.RegularExpressions;
using LiveOrders.Core.Orders;
using LiveOrders.Core.Organization;

namespace LiveOrders.Web.Components.Orders;

/// <summary>
/// A comment being typed: its text, the "@Имя" still being typed, and the people picked from the
/// suggestions. Kept apart from the component so the mention rules are tested without rendering.
/// </summary>
public sealed partial class MentionDraft
{
    private const int MaxSuggestions = 6;
    private readonly Dictionary<int, string> _mentions = [];

    public string Text { get; private set; } = "";

    /// <summary>The name typed after a trailing "@", or null when no mention is being typed.</summary>
    public string? Query => Typing().Match(Text) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>Only the mentions still in the text count: a deleted "@Имя" notifies no one.</summary>
    public IReadOnlyList<int> Mentioned => _mentions.Where(m => Text.Contains(m.Value, StringComparison.Ordinal)).Select(m => m.Key).ToList();

    public void Type(string? text) => Text = text ?? "";

    /// <summary>The people whose first, last or middle name starts with what is typed after "@" (never the writer).</summary>
    public IReadOnlyList<PersonRef> Suggest(IEnumerable<PersonRef> people, int writerId) =>
        Query is not { } query ? [] : people
            .Where(p => p.Id != writerId && p.FullName.Split(' ').Any(part => part.StartsWith(query, StringComparison.CurrentCultureIgnoreCase)))
            .Take(MaxSuggestions).ToList();

    /// <summary>Replaces the "@…" being typed with the person's short name.</summary>
    public void Mention(PersonRef person)
    {
        var token = "@" + Employee.ShortNameOf(person.FullName);
        var match = Typing().Match(Text);
        Text = Text[..(match.Success ? match.Groups[1].Index - 1 : Text.Length)] + token + " ";
        _mentions[person.Id] = token;
    }

    public void Clear()
    {
        Text = "";
        _mentions.Clear();
    }

    // "@Воло" at the end of the text: the person being mentioned, still being typed.
    [GeneratedRegex(@"(?:^|\s)@([\p{L}-]*)$")]
    private static partial Regex Typing();
}
