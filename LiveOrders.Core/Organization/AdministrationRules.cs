using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace LiveOrders.Core.Organization;

/// <summary>What every administrative use case shares: who may run it, how a change is written down, how an edit knows it is not stale.</summary>
internal static class AdministrationRules
{
    public const string StaleActorMessage = "Ваши права в системе изменились. Обновите страницу.";

    public const string ConflictMessage =
        "Эти данные только что изменил другой администратор. Показано актуальное состояние — проверьте и повторите изменение, если оно ещё нужно.";

    /// <summary>Null when the actor may administer the organisation now; else why not.</summary>
    public static Result? Refusal(Actor actor, ActorDirectory directory, string what)
    {
        if (!AccessPolicy.CanManageOrganization(actor)) return Result.Forbidden($"{what} может только администратор.");
        if (!directory.IsCurrent(actor)) return Result.Forbidden(StaleActorMessage);
        return null;
    }

    /// <summary>«Поле: было → стало», or nothing when it did not change.</summary>
    public static void Line(List<string> changes, string field, string? before, string? after)
    {
        if (before == after) return;
        changes.Add($"{field}: {Show(before)} → {Show(after)}");
    }

    private static string Show(string? value) => string.IsNullOrEmpty(value) ? "—" : $"«{value}»";

    /// <summary>
    /// A version over what an administrator edits. The tables carry no version column (and the schema is fixed
    /// for this issue), so an edit sends back the version of what it was made from and the use case compares it
    /// inside its transaction (an immediate one on SQLite, so nobody writes between the check and the save).
    /// </summary>
    public static string VersionOf(params object?[] values)
    {
        var text = string.Join('\u001f', values.Select(v => v?.ToString() ?? "\u0000"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Trimmed, with runs of white space folded; null when nothing visible is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var visible = new string(text.Where(c => !char.IsControl(c) && c is not ('\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')).ToArray());
        var folded = string.Join(' ', visible.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return folded.Length == 0 ? null : folded;
    }

    public static bool IsValidEmail(string email) =>
        email.Length <= 256 && MailAddress.TryCreate(email, out var address) && address.Address == email
        && address.Host.Contains('.') && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');
}
