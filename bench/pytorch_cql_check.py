"""A cross-check of the kit's CQL, not part of the kit: CQL(H) with a Lagrange multiplier on top of
SAC, written independently in PyTorch with the kit's settings (2 critics and actor of 256x256,
batch 256, actor lr 1e-4, critic lr 3e-4, entropy lr 1e-4, w = 5, tau = 5, N = 10 proposals of
each kind, Polyak 0.005, gamma 0.99), trained offline on a D4RL-format file. It prints Q on the
data, the gap and the multiplier every 500 updates, to compare with the kit's run logs.

    python bench/pytorch_cql_check.py DATASET.hdf5 [--updates 5000] [--bc 0] [--entropy-backup]
"""
import argparse
import math

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def mlp(inputs, outputs):
    return nn.Sequential(nn.Linear(inputs, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, outputs))


class Policy(nn.Module):
    def __init__(self, obs, act):
        super().__init__()
        self.net, self.act = mlp(obs, 2 * act), act

    def dist(self, s):
        mean, rho = self.net(s).chunk(2, -1)
        log_std = -5 + 0.5 * 7 * (torch.tanh(rho) + 1)
        return mean, log_std

    def sample(self, s):
        mean, log_std = self.dist(s)
        eps = torch.randn_like(mean)
        u = mean + log_std.exp() * eps
        a = torch.tanh(u)
        log_prob = (-0.5 * eps ** 2 - log_std - 0.5 * math.log(2 * math.pi) - torch.log(1 - a ** 2 + 1e-6)).sum(-1)
        return a, log_prob

    def log_prob(self, s, a):
        mean, log_std = self.dist(s)
        a = a.clamp(-1 + 1e-6, 1 - 1e-6)
        u = torch.atanh(a)
        z = (u - mean) / log_std.exp()
        return (-0.5 * z ** 2 - log_std - 0.5 * math.log(2 * math.pi) - torch.log(1 - a ** 2)).sum(-1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dataset")
    parser.add_argument("--updates", type=int, default=5000)
    parser.add_argument("--bc", type=int, default=0)
    parser.add_argument("--entropy-backup", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    with h5py.File(args.dataset, "r") as f:
        obs = torch.tensor(f["observations"][:], dtype=torch.float32)
        act = torch.tensor(f["actions"][:], dtype=torch.float32)
        rew = torch.tensor(f["rewards"][:], dtype=torch.float32)
        timeouts = f["timeouts"][:].astype(bool)
        terminals = torch.tensor(f["terminals"][:].astype(np.float32))
    keep = ~timeouts[:-1]
    idx = np.nonzero(keep)[0]
    s, a, r, s2, d = obs[idx], act[idx], rew[idx], obs[idx + 1], terminals[idx]
    n_obs, n_act = s.shape[1], a.shape[1]
    policy = Policy(n_obs, n_act)
    q1, q2 = mlp(n_obs + n_act, 1), mlp(n_obs + n_act, 1)
    t1, t2 = mlp(n_obs + n_act, 1), mlp(n_obs + n_act, 1)
    t1.load_state_dict(q1.state_dict()); t2.load_state_dict(q2.state_dict())
    log_alpha = torch.zeros(1, requires_grad=True)
    log_alpha_prime = torch.zeros(1, requires_grad=True)
    opt_pi = torch.optim.Adam(policy.parameters(), lr=1e-4)
    opt_q = torch.optim.Adam(list(q1.parameters()) + list(q2.parameters()), lr=3e-4)
    opt_alpha = torch.optim.Adam([log_alpha], lr=1e-4)
    opt_prime = torch.optim.Adam([log_alpha_prime], lr=3e-4)
    w, tau, N, B = 5.0, 5.0, 10, 256
    for step in range(1, args.updates + 1):
        i = torch.randint(0, len(s), (B,))
        bs, ba, br, bs2, bd = s[i], a[i], r[i], s2[i], d[i]
        alpha = log_alpha.exp().detach()
        with torch.no_grad():
            a2, lp2 = policy.sample(bs2)
            x2 = torch.cat([bs2, a2], -1)
            target_q = torch.min(t1(x2), t2(x2)).squeeze(-1)
            if args.entropy_backup:
                target_q = target_q - alpha * lp2
            y = br + 0.99 * (1 - bd) * target_q
        x = torch.cat([bs, ba], -1)
        qd1, qd2 = q1(x).squeeze(-1), q2(x).squeeze(-1)
        td = F.mse_loss(qd1, y) + F.mse_loss(qd2, y)
        # Proposals: uniform, pi(.|s) and pi(.|s'), all evaluated at s.
        rep_s = bs.repeat_interleave(N, 0)
        rep_s2 = bs2.repeat_interleave(N, 0)
        with torch.no_grad():
            a_pi, lp_pi = policy.sample(rep_s)
            a_pi2, lp_pi2 = policy.sample(rep_s2)
        a_rand = torch.rand(B * N, n_act) * 2 - 1
        lp_rand = torch.full((B * N,), n_act * math.log(0.5))
        gaps, penalty = [], 0
        for q in (q1, q2):
            values = [q(torch.cat([rep_s, a_rand], -1)).squeeze(-1) - lp_rand,
                      q(torch.cat([rep_s, a_pi], -1)).squeeze(-1) - lp_pi,
                      q(torch.cat([rep_s, a_pi2], -1)).squeeze(-1) - lp_pi2]
            cat = torch.cat([v.view(B, N) for v in values], 1)
            gap = torch.logsumexp(cat, 1).mean() - q(x).squeeze(-1).mean()
            gaps.append(gap)
        prime = log_alpha_prime.exp().clamp(0, 1e6)
        penalty = sum(prime.detach() * (w * g - tau) for g in gaps)
        opt_q.zero_grad()
        (td + penalty).backward()
        opt_q.step()
        prime_loss = -sum(log_alpha_prime.exp() * (w * g.detach() - tau) for g in gaps) / 2
        opt_prime.zero_grad(); prime_loss.backward(); opt_prime.step()
        # Actor and temperature.
        a_new, lp_new = policy.sample(bs)
        if step <= args.bc:
            pi_loss = (alpha * lp_new - policy.log_prob(bs, ba)).mean()
        else:
            xn = torch.cat([bs, a_new], -1)
            pi_loss = (alpha * lp_new - torch.min(q1(xn), q2(xn)).squeeze(-1)).mean()
        opt_pi.zero_grad(); pi_loss.backward(); opt_pi.step()
        alpha_loss = -(log_alpha.exp() * (lp_new.detach() - n_act)).mean()
        opt_alpha.zero_grad(); alpha_loss.backward(); opt_alpha.step()
        with torch.no_grad():
            for t, p in list(zip(t1.parameters(), q1.parameters())) + list(zip(t2.parameters(), q2.parameters())):
                t.mul_(0.995).add_(p, alpha=0.005)
        if step % 500 == 0:
            print(f"{step}\tq_data {((qd1 + qd2) / 2).mean().item():.2f}\tgap {sum(g.item() for g in gaps) / 2:.2f}"
                  f"\talpha' {prime.item():.3f}\talpha {alpha.item():.3f}\tentropy {-lp_new.mean().item():.2f}", flush=True)


if __name__ == "__main__":
    main()
