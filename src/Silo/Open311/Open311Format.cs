using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Silo.Open311;

/// <summary>
/// GeoReport v2's two wire formats: a JSON array of flat objects, or XML with a plural root and one
/// element per item (<c>&lt;service_requests&gt;&lt;request&gt;…</c>). Field names are the spec's snake_case;
/// times are ISO 8601 with the centre's offset.
/// </summary>
public static class Open311Format
{
    public const string Json = "json";
    public const string Xml = "xml";

    public static bool IsKnown(string format) => format is Json or Xml;

    public static IResult Services(IEnumerable<Department> departments, string format) =>
        List(format, "services", "service", departments.Select(d => Fields(
            ("service_code", d.Code), ("service_name", d.Name), ("description", d.Scope), ("metadata", false), ("type", "realtime"),
            ("keywords", d.NameEn), ("group", Open311Record.Hotline))));

    /// <summary>Our services take no extra attributes, so each definition lists none.</summary>
    public static IResult Definition(Department department, string format) => format == Json
        ? Results.Json(new JsonObject { ["service_code"] = department.Code, ["attributes"] = new JsonArray() })
        : XmlResult(new XElement("service_definition", new XElement("service_code", department.Code), new XElement("attributes")), 200);

    public static IResult Requests(IEnumerable<Open311Record> records, string format) =>
        List(format, "service_requests", "request", records.Select(r => Fields(
            ("service_request_id", r.ServiceRequestId), ("status", r.Status), ("status_notes", r.StatusNotes), ("service_name", r.ServiceName),
            ("service_code", r.ServiceCode), ("description", r.Description), ("agency_responsible", r.AgencyResponsible),
            ("service_notice", ""), ("requested_datetime", r.RequestedAt), ("updated_datetime", r.UpdatedAt),
            ("expected_datetime", r.ExpectedAt), ("address", r.Address), ("address_id", null), ("zipcode", null),
            ("lat", r.Lat), ("long", r.Long), ("media_url", r.MediaUrl))));

    public static IResult Created(string ticketId, string notice, string format) =>
        List(format, "service_requests", "request", [Fields(("service_request_id", ticketId), ("service_notice", notice), ("account_id", null))]);

    /// <summary>An error in the spec's shape: <c>[{code, description}]</c> or <c>&lt;errors&gt;&lt;error&gt;</c>, with the HTTP status as the code.</summary>
    public static IResult Error(int status, string description, string format) =>
        List(format == Xml ? Xml : Json, "errors", "error", [Fields(("code", status), ("description", description))], status);

    private static (string Name, object? Value)[] Fields(params (string Name, object? Value)[] fields) => fields;

    private static IResult List(string format, string root, string item, IEnumerable<(string Name, object? Value)[]> items, int status = 200)
    {
        if (format == Json)
        {
            var array = new JsonArray();
            foreach (var fields in items)
            {
                var obj = new JsonObject();
                foreach (var (name, value) in fields)
                {
                    obj[name] = value switch
                    {
                        null => null,
                        DateTimeOffset at => Text(at),
                        bool b => b,
                        int i => i,
                        double d => d,
                        _ => value.ToString(),
                    };
                }

                array.Add(obj);
            }

            return Results.Json(array, statusCode: status);
        }

        return XmlResult(new XElement(root, items.Select(fields => new XElement(item, fields.Select(f => new XElement(f.Name, f.Value switch
        {
            null => "",
            DateTimeOffset at => Text(at),
            bool b => b ? "true" : "false",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            // Rows kept before intake cleaned text must not break the listing either.
            _ => ExternalText.Clean(Convert.ToString(f.Value, CultureInfo.InvariantCulture) ?? ""),
        }))))), status);
    }

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static IResult XmlResult(XElement root, int status) =>
        Results.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + root.ToString(SaveOptions.DisableFormatting),
            "text/xml", Encoding.UTF8, status);
}
