"""Pure domain code: enumerations, validation, scoring. Imports nothing of the project.

Glossary (one English name per domain term; see ../shared/domain/GLOSSARY.md):

==================  ==========================================
社区救助顾问           advisor
服务站 / 服务点        station / point
区 / 街镇 / 居村委     district / street / committee
户 / 户主 / 家庭成员   household / head / member
与户主关系            relation_to_head (本人 = self)
低保                 dibao
低收入               low_income
支出型贫困            expenditure_poverty
特困                 extreme_poverty
重残无业              severe_disability_unemployed
优抚                 entitled_groups
边缘                 marginal
走访 / 需求排摸        visit / needs_survey
需求评估 / 评估工具     assessment / instrument
困境等级              hardship_level
服务层级              service_level
一户一方案            service_plan
转介                 referral
求助受理              help_request
台账                 ledger
归档                 archive
==================  ==========================================
"""
