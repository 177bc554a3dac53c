import json,sys,os
base,new=sys.argv[1],sys.argv[2]; seeds=sys.argv[3].split(',')
tot={}
for s in seeds:
  for bg in ('pa-crop','c3n-raised','c3n-asis'):
    fb=f'{base}/{s}-default/{bg}.json'; fn=f'{new}/{s}-default/{bg}.json'
    try: B=json.load(open(fb)); N=json.load(open(fn))
    except Exception as e: print(s,bg,'not ready'); continue
    t=tot.setdefault(bg,[0,0,0,0,0,0])
    for ri,(rb,rn) in enumerate(zip(B['rounds'],N['rounds'])):
      for cb,cn in zip(rb['clots'],rn['clots']):
        assert cb['center_voxel']==cn['center_voxel']
        if cb['detected']!=cn['detected']: print(s,bg,'r%d'%ri,cb['center_voxel'],cb['level'],cb['shape'],round(cb['truth_volume_mm3']),'found' if cn['detected'] else 'LOST')
        if cb.get('visible_defect',True): t[0]+=cb['detected']; t[1]+=cn['detected']; t[2]+=1
      fpb=rb['false_positives']; fpn=rn['false_positives']
      nb=fpb if isinstance(fpb,int) else len(fpb); nn=fpn if isinstance(fpn,int) else len(fpn)
      t[3]+=nb; t[4]+=nn; t[5]+=1
      if nb!=nn: print(s,bg,'r%d'%ri,'FP',nb,'->',nn, fpn if not isinstance(fpn,int) else '')
    bb=B['background'].get('findings',B['background']) if isinstance(B['background'],dict) else B['background']
for bg,t in tot.items(): print(bg,'detected %d -> %d of %d; FP %d -> %d in %d rounds'%tuple(t))
