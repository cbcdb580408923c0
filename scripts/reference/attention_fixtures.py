"""Reference values from PyTorch for nn.MultiheadAttention and F.scaledDotProductAttention.

    /usr/bin/python3 scripts/reference/attention_fixtures.py
Writes test/fixtures/engine/attention.json (the layer) and attention_sdpa.json (the function). Inputs come from
Python's seeded `random`; the weights from torch's seeded init, written out as the state dict.
"""
import math

import torch

from make_fixtures import enc, rng, values, write


def causal(l, s):
    # generate_square_subsequent_mask: 0 on and below the diagonal, -inf above.
    return torch.triu(torch.full((l, s), float("-inf")), diagonal=1)


def mha_case(name, r, e, heads, l, s, n, batch_first=False, kdim=None, vdim=None, bias=True, mask=None,
             padding=None, need_weights=True, average=True):
    torch.manual_seed(len(name))
    m = torch.nn.MultiheadAttention(e, heads, bias=bias, batch_first=batch_first, kdim=kdim, vdim=vdim)
    # Non-zero biases, so their gradients and the bias path are checked too.
    with torch.no_grad():
        for k, p in m.named_parameters():
            if k.endswith("bias"):
                p.copy_(values(r, list(p.shape), -0.5, 0.5))
    m.eval()

    def shaped(l_, d):
        if n is None:
            return [l_, d]
        return [n, l_, d] if batch_first else [l_, n, d]

    q = values(r, shaped(l, e)).requires_grad_()
    k = values(r, shaped(s, kdim or e)).requires_grad_()
    v = values(r, shaped(s, vdim or e)).requires_grad_()
    kw = {"need_weights": need_weights, "average_attn_weights": average}
    if mask is not None:
        kw["attn_mask"] = mask
    if padding is not None:
        kw["key_padding_mask"] = padding
    out, w = m(q, k, v, **kw)
    u = values(r, list(out.shape))
    loss = (out * u).sum()
    wu = None
    if w is not None:
        wu = values(r, list(w.shape))
        loss = loss + (w * wu).sum()
    loss.backward()
    options = {"bias": bias, "batchFirst": batch_first}
    if kdim is not None:
        options["kdim"] = kdim
    if vdim is not None:
        options["vdim"] = vdim
    forward = {"needWeights": need_weights, "averageAttnWeights": average}
    return {
        "name": name, "embedDim": e, "numHeads": heads, "options": options, "forward": forward,
        "keys": list(m.state_dict().keys()),
        "state": {key: enc(t) for key, t in m.state_dict().items()},
        "query": enc(q), "key": enc(k), "value": enc(v),
        # Bool masks as 0/1 (our tensors have no bool dtype); float masks as they are.
        "attnMask": None if mask is None else enc(mask.float()),
        "keyPaddingMask": None if padding is None else enc(padding.float()),
        "out": enc(out), "weights": None if w is None else enc(w),
        "upstream": enc(u), "weightsUpstream": None if wu is None else enc(wu),
        "grads": {"query": enc(q.grad), "key": enc(k.grad), "value": enc(v.grad),
                  **{key: enc(p.grad) for key, p in m.named_parameters()}},
    }


def sdpa_case(name, r, shape_q, shape_k, mask=None, causal_=False):
    q = values(r, shape_q).requires_grad_()
    k = values(r, shape_k).requires_grad_()
    v = values(r, shape_k).requires_grad_()
    # torch 1.13 has no scaled_dot_product_attention: its documented formula, written out.
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal_:
        scores = scores + causal(q.shape[-2], k.shape[-2])
    if mask is not None:
        # PyTorch 2's reading of a bool mask here: True takes part in the attention (unlike MultiheadAttention's).
        scores = scores.masked_fill(~mask, float("-inf")) if mask.dtype == torch.bool else scores + mask
    out = scores.softmax(-1) @ v
    u = values(r, list(out.shape))
    (out * u).sum().backward()
    return {"name": name, "query": enc(q), "key": enc(k), "value": enc(v), "isCausal": causal_,
            "attnMask": None if mask is None else enc(mask.float()), "out": enc(out), "upstream": enc(u),
            "grads": [enc(q.grad), enc(k.grad), enc(v.grad)]}


def main():
    r = rng(41)
    pad = torch.tensor([[False, False, False, True, True], [False, True, False, False, False]])
    float_mask = values(r, [4, 5], -1.0, 1.0)
    cases = [
        mha_case("one head, self-attention shapes", r, 4, 1, 3, 3, 2),
        mha_case("two heads", r, 8, 2, 4, 4, 3),
        mha_case("four heads, batchFirst", r, 8, 4, 3, 3, 2, batch_first=True),
        mha_case("unbatched", r, 6, 2, 4, 4, None),
        mha_case("causal attnMask (bool)", r, 8, 2, 4, 4, 2, mask=torch.triu(torch.ones(4, 4, dtype=torch.bool), 1)),
        mha_case("causal attnMask (float, -inf)", r, 8, 2, 4, 4, 2, mask=causal(4, 4)),
        mha_case("keyPaddingMask, cross-attention S != L", r, 8, 2, 4, 5, 2, padding=pad),
        mha_case("float attnMask added to the scores", r, 8, 2, 4, 5, 2, mask=float_mask),
        mha_case("3-D attnMask [N*heads, L, S]", r, 4, 2, 3, 4, 2,
                 mask=torch.tensor([r.random() < 0.3 for _ in range(2 * 2 * 3 * 4)]).reshape(4, 3, 4) & ~torch.eye(3, 4, dtype=torch.bool)),
        mha_case("per-head weights (averageAttnWeights false)", r, 8, 4, 3, 5, 2, average=False),
        mha_case("needWeights false", r, 8, 2, 3, 3, 2, need_weights=False),
        mha_case("kdim and vdim differ", r, 8, 2, 3, 5, 2, kdim=3, vdim=5),
        mha_case("bias false", r, 8, 2, 3, 4, 2, bias=False),
        mha_case("kdim, vdim, bias false, batchFirst, padding", r, 6, 3, 2, 5, 2, kdim=4, vdim=2, bias=False, batch_first=True, padding=pad),
    ]
    write("attention", cases)
    sdpa = [
        sdpa_case("[N, L, E]", r, [2, 3, 4], [2, 5, 4]),
        sdpa_case("[N, heads, L, E], causal", r, [2, 2, 4, 3], [2, 2, 4, 3], causal_=True),
        sdpa_case("bool mask", r, [3, 4], [5, 4], mask=torch.tensor([[False, True, False, False, True]] * 3)),
        sdpa_case("float mask", r, [2, 3, 4], [2, 3, 4], mask=values(r, [3, 3], -1.0, 1.0)),
    ]
    write("attention_sdpa", sdpa)


if __name__ == "__main__":
    main()
