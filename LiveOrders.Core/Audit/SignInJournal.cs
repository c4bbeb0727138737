using System.Globalization;
using LiveOrders.Core.Data;
using LiveOrders.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LiveOrders.Core.Audit;

/// <summary>How someone signed in, for the log.</summary>
public enum SignInMethod
{
    Password,
    PasswordAndCode,
    Organization,
    Directory,
    DirectoryAndCode,
}

/// <summary>
/// Sign-ins, failed sign-ins and sign-outs in the audit log. The login name tried is kept, never the password; the address
/// is the request's (<see cref="AuditOrigin"/>). A name that belongs to an account is tied to its employee, so the person
/// filter finds the attempts on someone's account too.
/// </summary>
public sealed class SignInJournal(IDbContextFactory<LiveOrdersDbContext> dbFactory, MunicipalTime time)
{
    public const int LoginMaxLength = 100;

    public async Task SignedInAsync(string userId, SignInMethod method, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await PersonAsync(db, db.Employees.Where(e => e.UserId == userId), ct);
        var name = person?.FullName ?? userId;
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, person?.Id, name, AuditActions.SignedIn, "Account", Id(person),
            $"Вход: {name} ({Russian(method)})", kind: AuditKind.SignIns));
        await db.SaveChangesAsync(ct);
    }

    /// <param name="login">The name typed (cut to <see cref="LoginMaxLength"/>), or null when the step has none (a wrong code).</param>
    /// <param name="userId">The account, when the attempt got as far as one (a wrong code after a right password).</param>
    public async Task FailedAsync(string? login, string? userId, SignInMethod method, string reason, CancellationToken ct = default)
    {
        var typed = (login ?? "").Trim();
        if (typed.Length > LoginMaxLength) typed = typed[..LoginMaxLength];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var upper = typed.ToUpperInvariant();
        var person = userId is not null
            ? await PersonAsync(db, db.Employees.Where(e => e.UserId == userId), ct)
            : typed.Length == 0 ? null
            : await PersonAsync(db, db.Employees.Where(e => db.Users.Any(u => u.Id == e.UserId && u.NormalizedUserName == upper)), ct);
        var who = typed.Length > 0 ? $"«{typed}»" : person?.FullName ?? "неизвестный";
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, person?.Id, person?.FullName ?? who, AuditActions.SignInFailed, "Account", Id(person),
            $"Неудачный вход: {who} ({Russian(method)}) — {reason}",
            [.. typed.Length > 0 ? [$"Имя входа: {typed}"] : Array.Empty<string>(), $"Причина: {reason}"], kind: AuditKind.FailedSignIns));
        await db.SaveChangesAsync(ct);
    }

    public async Task SignedOutAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = await PersonAsync(db, db.Employees.Where(e => e.UserId == userId), ct);
        var name = person?.FullName ?? userId;
        db.AuditEntries.Add(AuditEntry.Create(time.UtcNow, person?.Id, name, AuditActions.SignedOut, "Account", Id(person),
            $"Выход: {name}", kind: AuditKind.SignIns));
        await db.SaveChangesAsync(ct);
    }

    public static string Russian(SignInMethod method) => method switch
    {
        SignInMethod.Password => "пароль",
        SignInMethod.PasswordAndCode => "пароль и код",
        SignInMethod.Organization => "учётная запись организации",
        SignInMethod.Directory => "каталог LDAP",
        SignInMethod.DirectoryAndCode => "каталог LDAP и код",
        _ => method.ToString(),
    };

    private sealed record Person(int Id, string FullName);

    private static Task<Person?> PersonAsync(LiveOrdersDbContext db, IQueryable<Organization.Employee> query, CancellationToken ct) =>
        query.Select(e => new Person(e.Id, e.FullName)).FirstOrDefaultAsync(ct);

    private static string Id(Person? person) => person?.Id.ToString(CultureInfo.InvariantCulture) ?? "";
}
