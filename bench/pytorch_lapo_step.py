"""The comparison point of `repro bench agents lapo`: one online environment step of O3F's LAPO
(5 Q-functions with REDQ targets, a V network, the CVAE and the latent policy, 3x256 layers,
batch 512; 20 update calls, the last of which also trains the CVAE and the latent policy)
written in PyTorch for the CPU the way a careful PyTorch user would: the Q ensemble as batched
weights (one baddbmm per layer for all members), Adam from torch.optim, no autograd through
targets.

It is a measuring stick, not part of the kit: it reports the median seconds per environment
step at 1 and 2 threads. Usage: python bench/pytorch_lapo_step.py (needs torch).
"""
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

OBS, ACT, LATENT, HIDDEN, MEMBERS, BATCH, UTD = 17, 6, 12, 256, 5, 512, 20


def mlp(inputs, outputs):
    return nn.Sequential(nn.Linear(inputs, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                         nn.Linear(HIDDEN, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, outputs))


class Ensemble(nn.Module):
    """MEMBERS networks of the same shape evaluated with batched matrix products."""

    def __init__(self, inputs):
        super().__init__()
        widths = [inputs, HIDDEN, HIDDEN, HIDDEN, 1]
        self.weights = nn.ParameterList(
            [nn.Parameter(torch.empty(MEMBERS, a, b).uniform_(-a ** -0.5, a ** -0.5)) for a, b in zip(widths, widths[1:])])
        self.biases = nn.ParameterList(
            [nn.Parameter(torch.empty(MEMBERS, 1, b).uniform_(-a ** -0.5, a ** -0.5)) for a, b in zip(widths, widths[1:])])

    def forward(self, x):
        h = x.unsqueeze(0).expand(MEMBERS, -1, -1)
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            h = torch.baddbmm(b, h, w)
            if i < len(self.weights) - 1:
                h = F.relu(h)
        return h.squeeze(-1).t()  # rows x members


class LAPO:
    def __init__(self):
        self.encoder, self.decoder = mlp(OBS + ACT, 2 * LATENT), mlp(OBS + LATENT, ACT)
        self.target_decoder = mlp(OBS + LATENT, ACT)
        self.policy, self.target_policy = mlp(OBS, LATENT), mlp(OBS, LATENT)
        self.critics, self.target_critics = Ensemble(OBS + ACT), Ensemble(OBS + ACT)
        self.value = mlp(OBS, 1)
        for target, source in [(self.target_decoder, self.decoder), (self.target_policy, self.policy),
                               (self.target_critics, self.critics)]:
            target.load_state_dict(source.state_dict())
        self.vae_optimizer = torch.optim.Adam(list(self.encoder.parameters()) + list(self.decoder.parameters()), lr=2e-4)
        self.policy_optimizer = torch.optim.Adam(self.policy.parameters(), lr=2e-4)
        self.critic_optimizer = torch.optim.Adam(list(self.critics.parameters()) + list(self.value.parameters()), lr=2e-4)
        self.calls = 0

    def target_value(self, s, noisy, subset):
        with torch.no_grad():
            z = 2.0 * torch.tanh(self.target_policy(s))
            if noisy:
                z = z + (torch.randn_like(z) * 0.1).clamp(-0.2, 0.2)
            q = self.target_critics(torch.cat([s, self.target_decoder(torch.cat([s, z], 1))], 1))[:, subset]
            return q.min(1, keepdim=True).values

    def update(self, s, a, r, s2, not_done):
        subset = torch.randperm(MEMBERS)[:2]
        with torch.no_grad():
            y = r + not_done * 0.99 * self.value(s2)
        v_target = self.target_value(s, True, subset)
        q = self.critics(torch.cat([s, a], 1))
        loss = ((q - y) ** 2).mean(0).sum() + F.mse_loss(self.value(s), v_target)
        self.critic_optimizer.zero_grad()
        loss.backward()
        self.critic_optimizer.step()
        self.calls += 1
        if self.calls % UTD == 0:
            with torch.no_grad():
                advantage = r + not_done * 0.99 * self.target_value(s2, False, subset) - self.value(s)
                w = torch.where(advantage > 0, 0.9, 0.1)
            mean, log_var = self.encoder(torch.cat([s, a], 1)).chunk(2, 1)
            z = mean + torch.exp(log_var / 2) * torch.randn_like(mean)
            reconstruction = ((self.decoder(torch.cat([s, z], 1)) - a) ** 2).sum(1, keepdim=True)
            kl = -0.5 * (1 + log_var - mean ** 2 - log_var.exp()).sum(1, keepdim=True)
            vae_loss = ((reconstruction + kl) * w).mean()
            self.vae_optimizer.zero_grad()
            vae_loss.backward()
            self.vae_optimizer.step()
            action = self.target_decoder(torch.cat([s, 2.0 * torch.tanh(self.policy(s))], 1))
            policy_loss = -self.critics(torch.cat([s, action], 1)).mean()
            self.policy_optimizer.zero_grad()
            policy_loss.backward()
            self.policy_optimizer.step()
            with torch.no_grad():
                for target, source in [(self.target_decoder, self.decoder), (self.target_policy, self.policy)]:
                    for t, p in zip(target.parameters(), source.parameters()):
                        t.mul_(0.995).add_(p, alpha=0.005)
        with torch.no_grad():
            for t, p in zip(self.target_critics.parameters(), self.critics.parameters()):
                t.mul_(0.995).add_(p, alpha=0.005)


def main():
    torch.manual_seed(0)
    data = [torch.randn(10_000, OBS), torch.rand(10_000, ACT) * 2 - 1, torch.randn(10_000, 1), torch.randn(10_000, OBS)]
    for threads in (1, 2):
        torch.set_num_threads(threads)
        agent = LAPO()

        def step():
            for _ in range(UTD):
                index = torch.randint(0, 10_000, (BATCH,))
                agent.update(data[0][index], data[1][index], data[2][index], data[3][index], torch.ones(BATCH, 1))

        step()
        times = []
        for _ in range(10):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"threads {threads}\tseconds per environment step {median:.4f}\tsteps/s {1 / median:.2f}\ttorch {torch.__version__}")


if __name__ == "__main__":
    main()
