namespace HotlineDispatch.Routing;

/// <summary>
/// Whether a chat message asks or tells, as a handful of pooled cues: asking (能不能, 麻烦, 找谁), a question,
/// a matter already done or in hand (修好了, 已经联系), thanks, acknowledgement, a question or offer to the
/// neighbours (谁知道, 接龙), a notice (通知, 【), agreement (我也). The word and character n-grams hold the
/// same words, but spread over hundreds of rare features; a cue pools them, so a phrasing the training
/// data lacks still counts with the others of its kind. Written from general usage, not from the samples;
/// only the request classifier reads them (<see cref="ClassifierSettings.Cues"/>).
/// </summary>
public static class RequestCues
{
    private const string None = "cue_none";

    // The phrases are matched against normalised text, whose digits are all 0: "+0" is the chat's "+1".
    private static readonly (string Cue, string[] Phrases)[] Cues =
    [
        ("cue_ask", ["能不能", "能否", "可不可以", "可否", "麻烦", "请帮", "帮忙", "帮我", "帮着", "帮下", "帮问", "求助", "求求", "找谁", "归谁", "谁管",
            "谁来管", "怎么办", "咋办", "咋整", "怎么处理", "管一管", "管管", "来看看", "来看一下", "查一下", "查查", "催一下", "催催", "反映一下",
            "反映下", "投诉", "处理一下", "来处理", "派人", "叫人", "快来", "报一下", "问问", "能帮", "请问", "请相关", "怎么申请", "在哪办", "去哪"]),
        ("cue_question", ["?", "吗", "么样", "是不是", "有没有"]),
        ("cue_done", ["修好了", "弄好了", "办好了", "换好了", "补好了", "搞定", "解决了", "恢复了", "恢复正常", "通了", "来电了", "到账了", "退回来",
            "没事了", "已经不", "办妥", "拉走了", "批下来", "办结", "好了"]),
        ("cue_in_hand", ["已经报", "已经打", "已经联系", "已经转", "已经有人", "已经在", "已经上报", "已经知道", "在处理", "在路上", "正在", "马上",
            "说明天", "说下周", "在走流程", "已经登记", "我记下了", "我先登记"]),
        ("cue_thanks", ["谢谢", "感谢", "辛苦", "多谢", "点赞", "不客气"]),
        ("cue_ack", ["收到", "好的", "明白", "ok", "嗯嗯", "同意", "对的", "就是", "+0", "有道理"]),
        ("cue_neighbours", ["有没有人", "谁知道", "有人知道", "谁家", "推荐", "邻居", "接龙", "私聊", "团购", "出租", "出售", "转让", "招聘", "捡到", "寻",
            "拼车", "一起"]),
        ("cue_notice", ["通知", "提醒", "【", "公示", "敬请", "请大家", "各位", "温馨", "届时", "转发", "分享", "转:"]),
        ("cue_agree", ["我也", "我家也", "也是", "+0", "一样"]),
    ];

    /// <summary>The cues of a normalised text, space-separated, each once; <c>cue_none</c> when it has none.</summary>
    public static string Of(string normalizedText)
    {
        var found = Cues.Where(c => c.Phrases.Any(p => normalizedText.Contains(p, StringComparison.Ordinal))).Select(c => c.Cue).ToList();
        return found.Count == 0 ? None : string.Join(' ', found);
    }
}
