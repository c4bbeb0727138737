using LiveOrders.Web.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace LiveOrders.Web.Components.Account;

public sealed partial class SecuritySettings
{
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [Inject] private SignInManager<IdentityUser> SignIn { get; set; } = default!;
    [Inject] private IdentityErrorDescriber Describer { get; set; } = default!;

    [SupplyParameterFromQuery] public string? Done { get; set; }
    [SupplyParameterFromQuery] public string? Error { get; set; }
    [SupplyParameterFromQuery] public string? Rules { get; set; }

    private bool _hasPassword;
    private bool _mustChangePassword;
    private IReadOnlyList<string> _ruleMessages = [];
    private bool _enabled;
    private bool _required;
    private int _codesLeft;
    private string? _key;
    private MarkupString _qr;
    private IReadOnlyList<string> _recoveryCodes = [];

    protected override async Task OnInitializedAsync()
    {
        var users = SignIn.UserManager;
        var user = await users.GetUserAsync(HttpContext.User);
        if (user is null) return;
        _hasPassword = await users.HasPasswordAsync(user);
        _mustChangePassword = await AccountRequirements.MustChangePasswordAsync(users, user);
        _ruleMessages = PasswordEndpoints.DescribeRules(Rules, Describer, users.Options.Password);
        // Nothing else is offered until the one-time password is replaced (and no authenticator key is made for it).
        if (_mustChangePassword) return;
        _enabled = await users.GetTwoFactorEnabledAsync(user);
        _required = await TwoFactorEndpoints.RequiredForAsync(HttpContext, user);
        _recoveryCodes = TwoFactorEndpoints.TakeRecoveryCodes(HttpContext, user.Id);
        if (_enabled)
        {
            _codesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        _key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(_key))
        {
            // A key of one's own, made on the first visit. Making it renews the account's security stamp, so the
            // cookie is renewed with it (this page is static: the response has not started).
            await users.ResetAuthenticatorKeyAsync(user);
            await SignIn.RefreshSignInAsync(user);
            _key = await users.GetAuthenticatorKeyAsync(user);
        }
        var login = await users.GetUserNameAsync(user) ?? "";
        _qr = new MarkupString(QrSvg(AuthenticatorUri(login, _key!)));
    }

    /// <summary>The key URI that authenticator apps read (Google's «Key Uri Format»).</summary>
    internal static string AuthenticatorUri(string login, string key) =>
        $"otpauth://totp/LiveOrders:{Uri.EscapeDataString(login)}?secret={key}&issuer=LiveOrders&digits=6";

    private static string QrSvg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(new System.Drawing.Size(200, 200), "#000000", "#ffffff", drawQuietZones: true,
            sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
    }

    /// <summary>The key in groups of four, for typing by hand.</summary>
    internal static string FormatKey(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>Errors of the password form, shown by the form itself.</summary>
    private string? PasswordError => Error is { } error && error.StartsWith("password-", StringComparison.Ordinal) ? error : null;

    private string? MessageText => PasswordError is not null || Done == "password" ? null : (Error, Done) switch
    {
        ("forged", _) => "Форма устарела или пришла не из LiveOrders. Повторите ещё раз.",
        ("code", _) => "Неверный код. Проверьте время на телефоне и введите новый код.",
        ("nopassword", _) => "У вашей учётной записи нет пароля LiveOrders: его ведёт организация.",
        ("failed", _) => "Не удалось сохранить изменение. Повторите ещё раз.",
        (not null, _) => "Не удалось выполнить действие.",
        (_, "enabled") => "Вход с кодом включён.",
        (_, "disabled") => "Вход с кодом отключён.",
        (_, "codes") => "Выданы новые резервные коды; прежние больше не действуют.",
        (_, "already") => "Вход с кодом уже включён.",
        (_, "required") => "Администратору нельзя отключить вход с кодом.",
        _ => null,
    };
}
