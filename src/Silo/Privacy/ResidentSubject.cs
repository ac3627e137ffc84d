using System.Text.RegularExpressions;
using HotlineDispatch.Residents;
using HotlineDispatch.Silo.Hosting;
using HotlineDispatch.Silo.Tickets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HotlineDispatch.Silo.Privacy;

/// <summary>
/// The resident a request for access or erasure is about: a phone number or a WeChat openid. A number is
/// searched for as its digits without the country code, the form every channel's variant contains.
/// </summary>
public sealed partial record ResidentSubject(string? Phone, string? OpenId)
{
    /// <summary>What is searched for in every table and every stored grain state.</summary>
    public string Needle => Phone is not null ? PhoneNumbers.Canonical(Phone) : OpenId!;

    /// <summary>How the subject is named in the audit and the logs, which outlive an erasure.</summary>
    public string Masked => Phone is not null ? PhoneMask.Mask(Phone)! : $"{OpenId![..4]}****";

    /// <summary>The subject of a request, or the 400 saying what is wrong with it.</summary>
    public static ProblemHttpResult? Parse(string? phone, string? openId, out ResidentSubject subject)
    {
        subject = new ResidentSubject(string.IsNullOrWhiteSpace(phone) ? null : phone.Trim(), string.IsNullOrWhiteSpace(openId) ? null : openId.Trim());
        if ((subject.Phone is null) == (subject.OpenId is null))
        {
            return Problems.Invalid("phone", "Give either phone or openid, not both and not neither.");
        }

        if (subject.Phone is not null && PhoneNumbers.Canonical(subject.Phone).Length < 7)
        {
            return Problems.Invalid("phone", "phone must have at least 7 digits.");
        }

        return subject.OpenId is not null && !OpenIdShape().IsMatch(subject.OpenId)
            ? Problems.Invalid("openid", "openid must be 6 to 128 letters, digits, '-' or '_'.")
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{6,128}$")]
    private static partial Regex OpenIdShape();
}
