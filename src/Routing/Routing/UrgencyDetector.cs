using System.Text.RegularExpressions;

namespace HotlineDispatch.Routing;

/// <summary>
/// Flags danger to life: gas smell or leaks, live wires down or sparking, flooding, people trapped,
/// fallen, hurt or unreachable, fire, and things about to fall on or swallow passers-by (open
/// manholes, collapsing hoardings, signs, road surface, dead traffic lights at a junction). Written as patterns of the hazard, not learned: the samples hold too few urgent cases
/// to learn from, and a missed gas leak costs far more than a false alarm, so the patterns err wide
/// (no negation handling: "好像有煤气味又好像没有" is flagged).
/// </summary>
public static partial class UrgencyDetector
{
    private static readonly (string Hazard, Regex Pattern)[] Hazards =
    [
        ("gas", GasPattern()),
        ("live wires", WirePattern()),
        ("flooding", FloodPattern()),
        ("people trapped or fallen", PeoplePattern()),
        ("fire", FirePattern()),
        ("people at risk", RiskPattern()),
        ("structural hazard", StructurePattern()),
    ];

    /// <summary>The hazard and the words that showed it (e.g. <c>gas: 煤气味</c>), or null when none is found.</summary>
    public static string? Detect(string text)
    {
        var normalized = RoutingText.Normalize(text);
        foreach (var (hazard, pattern) in Hazards)
        {
            if (pattern.Match(normalized) is { Success: true } match)
            {
                return $"{hazard}: {match.Value}";
            }
        }

        return null;
    }

    [GeneratedRegex("(煤气|燃气|天然气|液化气|瓦斯|调压箱|燃气管|煤气管)[^。！？!?]{0,15}(味|泄漏|泄露|漏|嘶嘶)|漏气|(闻到|一股|好大的?)[^。！？!?]{0,6}(煤气|燃气|天然气|臭鸡蛋)|气罐[^。！？!?]{0,6}(漏|爆)")]
    private static partial Regex GasPattern();

    [GeneratedRegex("(电线|电缆|高压线|电线杆|线杆)[^。！？!?]{0,10}(断|掉|落|垂|耷拉|倒|打火|冒火|火花|冒烟|着火|搭在|拖在地)|漏电|触电|(电表箱|电箱|配电箱|变压器|电闸|插座|插线板)[^。！？!?]{0,10}(打火|火花|冒烟|着火|焦味|糊味|爆|滋滋|发烫|烧)|(打火|火花|冒火)[^。！？!?]{0,8}(电线|电箱|电表)")]
    private static partial Regex WirePattern();

    [GeneratedRegex("淹|内涝|倒灌|漫进|灌进|进水了|泡在水里|水漫|大水|爆管|水管爆|管道爆|积水[^。！？!?]{0,8}(齐腰|没过|过膝|到膝|半米|一米|很深|好深|进屋|进家)|水[^。！？!?]{0,4}(没过|齐腰|过膝)")]
    private static partial Regex FloodPattern();

    [GeneratedRegex("被困|困在|困住|困人|关在电梯|卡在电梯|出不来|反锁|锁在(家|屋|房|车|里)|摔倒|跌倒|摔了|摔伤|倒在地|倒地|起不来|昏迷|晕倒|不省人事|没有?反应|掉进|掉下去|落水|溺水|救命|求救|坠落|跳楼")]
    private static partial Regex PeoplePattern();

    [GeneratedRegex("着火|起火|失火|火灾|冒烟|浓烟|黑烟|明火|火苗|烧起来|火警|火光|爆炸|燃起来")]
    private static partial Regex FirePattern();

    [GeneratedRegex("吸氧|制氧机|呼吸机|透析|流血|出血|血流|受伤|头破|骨折|砍人|持刀|拿刀|动刀|打架[^。！？!?]{0,15}(砸|伤|血)|(一个人住|独居|独自)[^。！？!?]{0,30}(打不通|联系不上|没人接|没人应|没动静|不开门)")]
    private static partial Regex RiskPattern();

    [GeneratedRegex("井盖[^。！？!?]{0,8}(没了|丢了|缺失|不见|被偷|掀|翻|塌|陷|碎|空)|基坑|(路面|马路|地面|桥面|路)[^。！？!?]{0,8}(塌陷|塌了|陷下去|碎了|断裂)|爆胎|(树|广告牌|招牌|牌子|围挡|脚手架|墙|塔吊|雨棚|空调外机|玻璃)[^。！？!?]{0,6}(倒了|倒下|掉了|掉下|砸|要倒|快倒|塌|脱落|悬着|挂着)|(红绿灯|信号灯)[^。！？!?]{0,10}(坏|不亮|灭了|全黄|黄灯在闪|失灵|乱了)")]
    private static partial Regex StructurePattern();
}
